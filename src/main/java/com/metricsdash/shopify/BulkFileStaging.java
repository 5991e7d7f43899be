package com.metricsdash.shopify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import tools.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of bulk files staged in PostgreSQL ({@code bulk_file_line}), so that a file whose lines come in any order
 * can be handed out grouped without holding it in memory: lines go in many to a statement, and come out a page of
 * top-level objects at a time, each with its descendants found through {@code __parentId} however deep they nest.
 */
@Repository
class BulkFileStaging {

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	BulkFileStaging(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Deletes every line the store has staged, of whichever bulk operation. */
	void clear(UUID storeId) {
		this.jdbc.sql("delete from bulk_file_line where store_id = :store").param("store", storeId).update();
	}

	/**
	 * Stages consecutive lines of the operation's file, the first of them at {@code firstLine}, in one statement;
	 * PostgreSQL parses each line and takes out its {@code id} and {@code __parentId}.
	 */
	void stage(UUID storeId, String operationId, long firstLine, List<String> lines) {
		this.jdbc.sql("""
				insert into bulk_file_line (store_id, bulk_operation_id, line, object_id, parent_id, object)
				select :store, :operation, :firstLine + l.n - 1, o.object ->> 'id', o.object ->> '__parentId', o.object
				from unnest(cast(:lines as text[])) with ordinality as l(text, n),
				     lateral (select cast(l.text as jsonb) as object) o""")
			.param("store", storeId)
			.param("operation", operationId)
			.param("firstLine", firstLine)
			.param("lines", lines.toArray(String[]::new))
			.update();
	}

	/**
	 * Brings the table's statistics up to date after a file was staged. Without them the planner takes the lines of
	 * a store it has never seen for a handful, and looks children up by scanning the whole file for each page instead
	 * of through the index by their parents' ids.
	 */
	void analyze() {
		this.jdbc.sql("analyze bulk_file_line (store_id, bulk_operation_id, parent_id)").update();
	}

	/**
	 * Up to {@code limit} top-level objects staged after line {@code afterLine}, in file order, each with its
	 * descendants in file order: the children of the object, their children, and so on. Descendants are looked up one
	 * level at a time by their parents' ids, so every statement reads through the index only what the page holds.
	 */
	Page page(UUID storeId, String operationId, long afterLine, int limit) {
		List<Line> level = this.jdbc.sql("""
				select line, object_id, parent_id, cast(object as text) as object from bulk_file_line
				where store_id = :store and bulk_operation_id = :operation and parent_id is null and line > :afterLine
				order by line limit :limit""")
			.param("store", storeId)
			.param("operation", operationId)
			.param("afterLine", afterLine)
			.param("limit", limit)
			.query(Line.class)
			.list();
		SortedMap<Long, List<Line>> families = new TreeMap<>();
		Map<String, Long> rootLines = new HashMap<>();
		for (Line root : level) {
			families.put(root.line(), new ArrayList<>(List.of(root)));
			rootLines.put(root.objectId(), root.line());
		}
		while (!level.isEmpty()) {
			level = children(storeId, operationId, level);
			for (Line child : level) {
				long rootLine = rootLines.get(child.parentId());
				families.get(rootLine).add(child);
				rootLines.put(child.objectId(), rootLine);
			}
		}
		if (families.isEmpty()) {
			return new Page(List.of(), afterLine, 0);
		}
		return new Page(families.values().stream().map(this::record).toList(), families.lastKey(),
				families.values().stream().mapToLong(List::size).sum());
	}

	private List<Line> children(UUID storeId, String operationId, List<Line> parents) {
		return this.jdbc.sql("""
				select line, object_id, parent_id, cast(object as text) as object from bulk_file_line
				where store_id = :store and bulk_operation_id = :operation
				  and parent_id = any(cast(:parents as text[]))""")
			.param("store", storeId)
			.param("operation", operationId)
			.param("parents", parents.stream().map(Line::objectId).filter(Objects::nonNull).toArray(String[]::new))
			.query(Line.class)
			.list();
	}

	/** A family of lines, its top-level object first, as a record with the descendants in file order. */
	private BulkRecord record(List<Line> family) {
		return new BulkRecord(this.json.readTree(family.get(0).object()), family.stream()
			.skip(1)
			.sorted(Comparator.comparingLong(Line::line))
			.map((line) -> this.json.readTree(line.object()))
			.toList());
	}

	/**
	 * Top-level objects with their descendants; {@code lastLine} is the line of the last top-level object, where the
	 * next page starts, and {@code lines} how many staged lines the page holds.
	 */
	record Page(List<BulkRecord> records, long lastLine, long lines) {
	}

	/** A staged line: its place in the file, its object's id and parent's id, and its JSON. */
	record Line(long line, String objectId, String parentId, String object) {
	}

}
