package com.metricsdash.simulator;

import java.util.ArrayList;
import java.util.List;

import graphql.normalized.ExecutableNormalizedField;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;

/**
 * Reading a normalized query the way Shopify's rules need it: which fields are connections, and where a connection's
 * node selection is ({@code nodes}, or {@code edges { node }}). Shared by query costing and bulk queries.
 */
final class Selections {

	private Selections() {
	}

	static boolean connection(ExecutableNormalizedField field, GraphQLSchema schema) {
		return GraphQLTypeUtil.unwrapAll(field.getType(schema)).getName().endsWith("Connection");
	}

	/** The selected sub-fields of that name, whatever their aliases. */
	static List<ExecutableNormalizedField> named(ExecutableNormalizedField parent, String name) {
		return parent.getChildren().stream().filter((child) -> child.getName().equals(name)).toList();
	}

	/** Every selection of a connection's nodes: each {@code nodes} and each {@code edges { node }}. */
	static List<ExecutableNormalizedField> nodeFields(ExecutableNormalizedField connection) {
		List<ExecutableNormalizedField> nodes = new ArrayList<>(named(connection, "nodes"));
		named(connection, "edges").forEach((edges) -> nodes.addAll(named(edges, "node")));
		return nodes;
	}

}
