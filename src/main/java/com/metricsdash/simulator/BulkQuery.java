package com.metricsdash.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import graphql.ParseAndValidate;
import graphql.execution.CoercedVariables;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;

/**
 * The query of a bulk operation, checked as Shopify checks it (valid against the schema, a query with one root
 * connection, at most five connections, nested at most two deep, every parent of a nested connection selecting
 * {@code id}; no {@code first} needed), and the rule that turns its results into JSONL lines: each node of a
 * connection is one line, and the nodes of a nested connection are lines of their own carrying {@code __parentId}, written
 * right after their parent (the grouped order, which {@link BulkOperations} shuffles unless asked to keep it).
 */
final class BulkQuery {

	private static final int MAX_CONNECTIONS = 5;

	private static final int MAX_DEPTH = 2;

	private final String text;

	private final GraphQLSchema schema;

	private final ExecutableNormalizedField root;

	private BulkQuery(String text, GraphQLSchema schema, ExecutableNormalizedField root) {
		this.text = text;
		this.schema = schema;
		this.root = root;
	}

	/** Checks a bulk query; a refusal says why, in Shopify's words where known. */
	static BulkQuery check(String text, GraphQLSchema schema) {
		Document document;
		try {
			document = Parser.parse(text);
		}
		catch (InvalidSyntaxException ex) {
			throw invalid("Invalid bulk query: " + ex.getMessage());
		}
		List<ValidationError> errors = ParseAndValidate.validate(schema, document);
		if (!errors.isEmpty()) {
			throw invalid("Invalid bulk query: " + errors.get(0).getDescription());
		}
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		if (operations.size() != 1 || operations.get(0).getOperation() != OperationDefinition.Operation.QUERY) {
			throw invalid("Bulk queries must contain exactly one query operation.");
		}
		ExecutableNormalizedOperation operation = ExecutableNormalizedOperationFactory
			.createExecutableNormalizedOperation(schema, document, null, CoercedVariables.emptyVariables());
		List<ExecutableNormalizedField> roots = operation.getTopLevelFields();
		if (roots.size() != 1 || !Selections.connection(roots.get(0), schema)) {
			throw invalid("Bulk queries must contain exactly one top-level connection field.");
		}
		BulkQuery query = new BulkQuery(text, schema, roots.get(0));
		List<ExecutableNormalizedField> connections = new ArrayList<>();
		query.collectConnections(roots.get(0), 1, connections);
		if (connections.size() > MAX_CONNECTIONS) {
			throw invalid("Bulk queries cannot contain more than " + MAX_CONNECTIONS + " connections.");
		}
		return query;
	}

	String text() {
		return this.text;
	}

	/**
	 * Writes one page of results as lines, parents first.
	 * @return how many root objects the page held
	 */
	int write(Map<String, Object> data, Consumer<Map<String, Object>> lines) {
		return writeNodes(this.root, data.get(this.root.getResultKey()), null, lines);
	}

	private int writeNodes(ExecutableNormalizedField connection, Object value, Object parentId,
			Consumer<Map<String, Object>> lines) {
		if (!(value instanceof Map<?, ?> page)) {
			return 0;
		}
		int count = 0;
		for (ExecutableNormalizedField child : connection.getChildren()) {
			Object children = page.get(child.getResultKey());
			if (child.getName().equals("nodes")) {
				for (Object node : (List<?>) children) {
					writeNode(child, (Map<?, ?>) node, parentId, lines);
					count++;
				}
			}
			else if (child.getName().equals("edges")) {
				for (ExecutableNormalizedField nodeField : Selections.named(child, "node")) {
					for (Object edge : (List<?>) children) {
						writeNode(nodeField, (Map<?, ?>) ((Map<?, ?>) edge).get(nodeField.getResultKey()), parentId,
								lines);
						count++;
					}
				}
			}
		}
		return count;
	}

	private void writeNode(ExecutableNormalizedField nodeField, Map<?, ?> node, Object parentId,
			Consumer<Map<String, Object>> lines) {
		List<Runnable> nested = new ArrayList<>();
		Map<String, Object> line = inline(nodeField, node, node.get(idKey(nodeField)), lines, nested);
		if (parentId != null) {
			line.put("__parentId", parentId);
		}
		lines.accept(line);
		nested.forEach(Runnable::run);
	}

	/**
	 * An object's fields without its connections, which are set aside in {@code nested} to follow as lines of their
	 * own whose parent is the nearest node, even when they sit inside plain objects (a variant's
	 * {@code inventoryItem { inventoryLevels }}).
	 */
	private Map<String, Object> inline(ExecutableNormalizedField objectField, Map<?, ?> object, Object nodeId,
			Consumer<Map<String, Object>> lines, List<Runnable> nested) {
		Map<String, Object> inlined = new LinkedHashMap<>();
		for (ExecutableNormalizedField field : objectField.getChildren()) {
			Object value = object.get(field.getResultKey());
			if (connection(field)) {
				nested.add(() -> writeNodes(field, value, nodeId, lines));
			}
			else {
				inlined.put(field.getResultKey(), inlineValue(field, value, nodeId, lines, nested));
			}
		}
		return inlined;
	}

	private Object inlineValue(ExecutableNormalizedField field, Object value, Object nodeId,
			Consumer<Map<String, Object>> lines, List<Runnable> nested) {
		if (value instanceof Map<?, ?> object && !field.getChildren().isEmpty()) {
			return inline(field, object, nodeId, lines, nested);
		}
		if (value instanceof List<?> list) {
			return list.stream().map((element) -> inlineValue(field, element, nodeId, lines, nested)).toList();
		}
		return value;
	}

	private void collectConnections(ExecutableNormalizedField connection, int depth,
			List<ExecutableNormalizedField> connections) {
		if (depth > MAX_DEPTH) {
			throw invalid("Bulk queries cannot contain connections with a nesting depth greater than " + MAX_DEPTH
					+ ".");
		}
		connections.add(connection);
		for (ExecutableNormalizedField nodeField : Selections.nodeFields(connection)) {
			List<ExecutableNormalizedField> nested = nestedConnections(nodeField);
			if (!nested.isEmpty() && idKey(nodeField) == null) {
				throw invalid("The parent 'node' field for a nested connection must select the 'id' field. "
						+ "Connection fields without 'id': " + connection.getName() + ".");
			}
			for (ExecutableNormalizedField child : nested) {
				collectConnections(child, depth + 1, connections);
			}
		}
	}

	/** The connections below a node, however deep in plain objects they are. */
	private List<ExecutableNormalizedField> nestedConnections(ExecutableNormalizedField field) {
		List<ExecutableNormalizedField> found = new ArrayList<>();
		for (ExecutableNormalizedField child : field.getChildren()) {
			if (connection(child)) {
				found.add(child);
			}
			else {
				found.addAll(nestedConnections(child));
			}
		}
		return found;
	}

	private static String idKey(ExecutableNormalizedField nodeField) {
		return Selections.named(nodeField, "id").stream().map(ExecutableNormalizedField::getResultKey).findFirst()
			.orElse(null);
	}

	private boolean connection(ExecutableNormalizedField field) {
		return Selections.connection(field, this.schema);
	}

	private static BulkOperations.RejectedQueryException invalid(String message) {
		return new BulkOperations.RejectedQueryException("INVALID", message);
	}

}
