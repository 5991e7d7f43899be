package com.metricsdash.sync;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import com.metricsdash.shop.StoreAdminApi;
import com.metricsdash.shopify.AdminDocument;

import org.springframework.stereotype.Component;

/** Starts and follows a store's bulk operations through the Admin API. */
@Component
class BulkExport {

	private static final Set<String> UNFINISHED = Set.of("CREATED", "RUNNING", "CANCELING");

	private final StoreAdminApi api;

	BulkExport(StoreAdminApi api) {
		this.api = api;
	}

	/**
	 * Starts exporting {@code query}; if the shop is still running an export (ours, from before a crash that lost its
	 * id), follows that one instead. Returns the bulk operation's id.
	 */
	String start(UUID storeId, String query) {
		JsonNode result = this.api.execute(storeId, AdminDocument.BULK_OPERATION_RUN_QUERY, Map.of("query", query))
			.path("bulkOperationRunQuery");
		JsonNode errors = result.path("userErrors");
		if (errors.isEmpty()) {
			return result.path("bulkOperation").path("id").asString();
		}
		JsonNode current = this.api.execute(storeId, AdminDocument.CURRENT_BULK_OPERATION, Map.of())
			.path("currentBulkOperation");
		if (UNFINISHED.contains(current.path("status").asString(""))) {
			return current.path("id").asString();
		}
		throw new Unavailable("Shopify would not start the export: " + errors.get(0).path("message").asString(""));
	}

	State state(UUID storeId, String id) {
		JsonNode node = this.api.execute(storeId, AdminDocument.BULK_OPERATION, Map.of("id", id)).path("node");
		return new State(id, node.path("status").asString("MISSING"), node.path("objectCount").asLong(0),
				node.path("rootObjectCount").asLong(0), node.path("url").asString(null),
				node.path("errorCode").asString(null));
	}

	/** Shopify will not run a bulk operation for this export; the data has to be read page by page. */
	static class Unavailable extends RuntimeException {

		Unavailable(String reason) {
			super(reason);
		}

	}

	/** The bulk operation {@code id} as Shopify reports it; {@code url} is set once it completed with data. */
	record State(String id, String status, long objectCount, long rootObjectCount, String url, String errorCode) {

		boolean unfinished() {
			return UNFINISHED.contains(this.status);
		}

		boolean completed() {
			return "COMPLETED".equals(this.status);
		}

	}

}
