package com.metricsdash.simulator;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import graphql.schema.DataFetchingEnvironment;

/**
 * One bulk query of one shop and how far it got: CREATED, RUNNING, then COMPLETED with the URL of its JSONL file, or
 * FAILED, or CANCELING and CANCELED. It changes from the export's thread while requests read it, hence synchronized.
 */
final class BulkOperation implements GraphqlObject {

	private final long id;

	private final String query;

	private final Instant createdAt;

	private String status = "CREATED";

	private String errorCode;

	private Instant completedAt;

	private long objectCount;

	private long rootObjectCount;

	private Long fileSize;

	private Path file;

	private String url;

	BulkOperation(long id, String query, Instant createdAt) {
		this.id = id;
		this.query = query;
		this.createdAt = createdAt;
	}

	long id() {
		return this.id;
	}

	String gid() {
		return Gids.of("BulkOperation", this.id);
	}

	synchronized String status() {
		return this.status;
	}

	/** Whether it has not finished yet: created, running or being canceled. */
	synchronized boolean active() {
		return this.status.equals("CREATED") || this.status.equals("RUNNING") || this.status.equals("CANCELING");
	}

	/** Moves to RUNNING; false when it was canceled before it started. */
	synchronized boolean start() {
		if (!this.status.equals("CREATED")) {
			return false;
		}
		this.status = "RUNNING";
		return true;
	}

	synchronized boolean cancelRequested() {
		return this.status.equals("CANCELING");
	}

	/** Asks an unfinished operation to stop; false when it has finished already. */
	synchronized boolean cancel() {
		if (!this.status.equals("CREATED") && !this.status.equals("RUNNING")) {
			return false;
		}
		this.status = "CANCELING";
		return true;
	}

	synchronized void progress(long objectCount, long rootObjectCount) {
		this.objectCount = objectCount;
		this.rootObjectCount = rootObjectCount;
	}

	synchronized void complete(Path file, long fileSize, String url, Instant at) {
		this.file = file;
		this.fileSize = fileSize;
		this.url = url;
		finish("COMPLETED", null, at);
	}

	synchronized void canceled(Instant at) {
		finish("CANCELED", null, at);
	}

	synchronized void fail(String errorCode, Instant at) {
		finish("FAILED", errorCode, at);
	}

	private void finish(String status, String errorCode, Instant at) {
		this.status = status;
		this.errorCode = errorCode;
		this.completedAt = at;
	}

	/** The finished file, once COMPLETED. */
	synchronized Path file() {
		return this.file;
	}

	/** The {@code bulk_operations/finish} webhook payload, as Shopify sends it. */
	synchronized Map<String, Object> finishPayload() {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("admin_graphql_api_id", gid());
		payload.put("completed_at", (this.completedAt != null) ? AdminSchema.dateTime(this.completedAt) : null);
		payload.put("created_at", AdminSchema.dateTime(this.createdAt));
		payload.put("error_code", (this.errorCode != null) ? this.errorCode.toLowerCase() : null);
		payload.put("status", this.status.toLowerCase());
		payload.put("type", "query");
		return payload;
	}

	@Override
	public String typeName() {
		return "BulkOperation";
	}

	@Override
	public synchronized Object field(String name, DataFetchingEnvironment env) {
		return switch (name) {
			case "id" -> gid();
			case "status" -> this.status;
			case "type" -> "QUERY";
			case "query" -> this.query;
			case "errorCode" -> this.errorCode;
			case "createdAt" -> this.createdAt;
			case "completedAt" -> this.completedAt;
			case "objectCount" -> this.objectCount;
			case "rootObjectCount" -> this.rootObjectCount;
			case "fileSize" -> this.fileSize;
			case "url" -> this.url;
			default -> null;
		};
	}

}
