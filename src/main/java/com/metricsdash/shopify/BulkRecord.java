package com.metricsdash.shopify;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One top-level object of a bulk operation's result with every object nested under it, which Shopify writes as
 * separate lines carrying {@code __parentId}: for example an order and its line items.
 */
public record BulkRecord(JsonNode root, List<JsonNode> descendants) {

	/** The descendants whose {@code __parentId} is {@code parentId}, e.g. a product's variants. */
	public List<JsonNode> childrenOf(String parentId) {
		return this.descendants.stream()
			.filter((node) -> parentId.equals(node.path("__parentId").asString(null)))
			.toList();
	}

}
