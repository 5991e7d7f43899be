package com.metricsdash.shopify;

import java.util.function.Consumer;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/** Walks a cursor-paginated connection ({@code nodes}, {@code pageInfo { hasNextPage endCursor }}) to its end. */
public final class Pagination {

	private Pagination() {
	}

	/**
	 * Hands every node of every page to {@code nodes}.
	 * @param page fetches the connection after the given cursor ({@code null} for the first page)
	 */
	public static void forEachNode(Function<String, JsonNode> page, Consumer<JsonNode> nodes) {
		String after = null;
		do {
			JsonNode connection = page.apply(after);
			connection.path("nodes").forEach(nodes);
			JsonNode pageInfo = connection.path("pageInfo");
			after = pageInfo.path("hasNextPage").asBoolean(false) ? pageInfo.path("endCursor").asString(null) : null;
		}
		while (after != null);
	}

}
