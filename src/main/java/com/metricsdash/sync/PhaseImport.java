package com.metricsdash.sync;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import com.metricsdash.shop.StoreRef;
import com.metricsdash.shopify.AdminDocument;
import com.metricsdash.shopify.BulkRecord;

/**
 * One phase of the initial sync: the bulk query that exports it, the paginated query that reads the same data when a
 * bulk operation is not possible, and how its records are applied.
 */
interface PhaseImport {

	SyncPhase phase();

	/** Reads what the export needs first (small, paginated); nothing by default. */
	default void prepare(StoreRef store) {
	}

	/** The query for {@code bulkOperationRunQuery}. */
	String bulkQuery(StoreRef store);

	/** The paginated document read instead of the bulk export, its variables (without {@code after}), and the
	 * connection it pages through. */
	PageQuery pageQuery(StoreRef store);

	/**
	 * One node of the paginated query as the record the bulk file would have held for it, complete: a nested
	 * connection longer than the page holds is read to its end first.
	 */
	BulkRecord fromPage(StoreRef store, JsonNode node);

	/** Applies a batch of exported records idempotently; returns how many top-level objects it applied. */
	int apply(StoreRef store, List<BulkRecord> batch);

	/** A paginated query: {@code document} with {@code variables}, paging through {@code connection}. */
	record PageQuery(AdminDocument document, Map<String, Object> variables, String connection) {
	}

}
