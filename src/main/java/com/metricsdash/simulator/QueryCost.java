package com.metricsdash.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * Shopify's calculated query cost. Requested cost is static: a scalar or enum costs 0, an object 1, a connection 2
 * plus its page size ({@code first} or {@code last}, which every connection must give) times the cost of one node,
 * a mutation 10. Actual cost counts the same way over what was returned, so a short page costs less, and the
 * difference goes back into the bucket.
 */
final class QueryCost {

	static final int MAX_SINGLE_QUERY = 1000;

	private static final int MUTATION = 10;

	private final GraphQLSchema schema;

	private final ExecutableNormalizedOperation operation;

	QueryCost(GraphQLSchema schema, ExecutableNormalizedOperation operation) {
		this.schema = schema;
		this.operation = operation;
	}

	/**
	 * @throws UncostableException when a connection gives neither {@code first} nor {@code last}
	 */
	int requested() {
		if (this.operation.getOperation() == OperationDefinition.Operation.MUTATION) {
			return MUTATION * this.operation.getTopLevelFields().size();
		}
		return selectionCost(this.operation.getTopLevelFields());
	}

	int actual(Map<String, Object> data) {
		if (this.operation.getOperation() == OperationDefinition.Operation.MUTATION) {
			return requested();
		}
		return (data != null) ? returnedCost(this.operation.getTopLevelFields(), data) : 0;
	}

	/** The cost of sibling fields; where they depend on the object's type (fragments), the dearest type counts. */
	private int selectionCost(List<ExecutableNormalizedField> fields) {
		Map<String, Integer> byType = new HashMap<>();
		for (ExecutableNormalizedField field : fields) {
			int cost = fieldCost(field);
			field.getObjectTypeNames().forEach((type) -> byType.merge(type, cost, Integer::sum));
		}
		return byType.values().stream().max(Integer::compare).orElse(0);
	}

	private int fieldCost(ExecutableNormalizedField field) {
		GraphQLType type = GraphQLTypeUtil.unwrapAll(field.getType(this.schema));
		if (!(type instanceof GraphQLCompositeType)) {
			return 0;
		}
		if (!Selections.connection(field, this.schema)) {
			return 1 + selectionCost(field.getChildren());
		}
		Object first = field.getResolvedArguments().get("first");
		Object last = field.getResolvedArguments().get("last");
		if (first == null && last == null) {
			throw new UncostableException(field, this.operation);
		}
		int pageSize = (Integer) ((first != null) ? first : last);
		int nodeCost = Selections.nodeFields(field)
			.stream()
			.mapToInt((node) -> 1 + selectionCost(node.getChildren()))
			.max()
			.orElse(0);
		return 2 + pageSize * nodeCost;
	}

	private int returnedCost(List<ExecutableNormalizedField> fields, Map<?, ?> object) {
		Map<String, Integer> byKey = new HashMap<>();
		for (ExecutableNormalizedField field : fields) {
			int cost = returnedCost(field, object.get(field.getResultKey()));
			byKey.merge(field.getResultKey(), cost, Math::max);
		}
		return byKey.values().stream().mapToInt(Integer::intValue).sum();
	}

	private int returnedCost(ExecutableNormalizedField field, Object value) {
		GraphQLType type = GraphQLTypeUtil.unwrapAll(field.getType(this.schema));
		if (value == null || !(type instanceof GraphQLCompositeType)) {
			return 0;
		}
		if (value instanceof List<?> list) {
			return list.stream().mapToInt((element) -> returnedCost(field, element)).sum();
		}
		Map<?, ?> object = (Map<?, ?>) value;
		if (!Selections.connection(field, this.schema)) {
			return 1 + returnedCost(field.getChildren(), object);
		}
		int nodes = 0;
		for (ExecutableNormalizedField child : field.getChildren()) {
			if (child.getName().equals("nodes")) {
				nodes = Math.max(nodes, returnedCost(child, object.get(child.getResultKey())));
			}
			else if (child.getName().equals("edges") && object.get(child.getResultKey()) instanceof List<?> edges) {
				int edgeNodes = 0;
				for (Object edge : edges) {
					edgeNodes += returnedCost(Selections.named(child, "node"), (Map<?, ?>) edge);
				}
				nodes = Math.max(nodes, edgeNodes);
			}
		}
		return 2 + nodes;
	}

	/** A connection without {@code first} or {@code last}, which Shopify refuses before running anything. */
	static final class UncostableException extends RuntimeException {

		private final transient GraphQLError error;

		UncostableException(ExecutableNormalizedField field, ExecutableNormalizedOperation operation) {
			super("you must provide one of first or last");
			List<Object> path = new ArrayList<>();
			for (ExecutableNormalizedField at = field; at != null; at = at.getParent()) {
				path.add(at.getResultKey());
			}
			Collections.reverse(path);
			this.error = GraphqlErrorBuilder.newError()
				.message(getMessage())
				.location(operation.getMergedField(field).getSingleField().getSourceLocation())
				.path(path)
				.build();
		}

		GraphQLError error() {
			return this.error;
		}

	}

}
