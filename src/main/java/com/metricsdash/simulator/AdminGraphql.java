package com.metricsdash.simulator;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.execution.RawVariables;
import graphql.language.Document;
import graphql.language.SourceLocation;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import org.springframework.stereotype.Component;

/**
 * One Admin API request from document to response, in Shopify's order: parse and validate against the schema, cost
 * the query, take the cost from the shop's bucket (or answer THROTTLED), run it, give back what it did not use, and
 * report {@code extensions.cost}. Errors have Shopify's shapes; all of them are HTTP 200.
 */
@Component
@ConditionalOnSimulator
class AdminGraphql {

	private static final Pattern UNDEFINED_FIELD = Pattern.compile("Field '(.+)' in type '(.+)' is undefined$");

	/** graphql-java's prefix of validation messages, e.g. {@code Validation error (FieldUndefined@[shop/x]) : }. */
	private static final Pattern PREFIX = Pattern.compile("^Validation error \\([^)]*\\) : ");

	private final AdminSchema schema;

	private final ThrottleBuckets buckets;

	private final Clock clock;

	AdminGraphql(AdminSchema schema, ThrottleBuckets buckets, Clock clock) {
		this.schema = schema;
		this.buckets = buckets;
		this.clock = clock;
	}

	/**
	 * @param baseUrl where the simulator is reachable, for the URLs it hands out (bulk operation files)
	 */
	Map<String, Object> execute(SimShop shop, String query, Map<String, Object> variables,
			String operationName, String baseUrl) {
		ExecutionInput input = input(shop, query, variables, operationName, baseUrl);
		Costed costed = cost(shop, input);
		if (costed.refusal() != null) {
			return costed.refusal();
		}
		int requested = costed.cost().requested();
		if (!this.buckets.take(shop, requested)) {
			return response(List.of(throttled()), requested, null, shop);
		}
		input.getGraphQLContext().put(Document.class, costed.document());
		ExecutionResult result = this.schema.graphql().execute(input);
		int actual = Math.min(requested, costed.cost().actual(result.getData()));
		this.buckets.giveBack(shop, requested - actual);
		Map<String, Object> response = new LinkedHashMap<>(result.toSpecification());
		response.put("extensions", Map.of("cost", cost(requested, actual, shop)));
		return response;
	}

	/**
	 * THROTTLED for this request, as Shopify answers it when the shop's bucket is empty: the bucket is emptied first,
	 * so the answer tells the truth about it and a retry before the query's cost has been restored is throttled
	 * again. Empty when the request would be refused for another reason (it does not parse, validate or cost).
	 */
	Optional<Map<String, Object>> throttle(SimShop shop, String query, Map<String, Object> variables,
			String operationName) {
		Costed costed = cost(shop, input(shop, query, variables, operationName, ""));
		if (costed.refusal() != null) {
			return Optional.empty();
		}
		this.buckets.drain(shop);
		return Optional.of(response(List.of(throttled()), costed.cost().requested(), null, shop));
	}

	private ExecutionInput input(SimShop shop, String query, Map<String, Object> variables, String operationName,
			String baseUrl) {
		return ExecutionInput.newExecutionInput(query)
			.operationName(operationName)
			.variables((variables != null) ? variables : Map.of())
			.graphQLContext(Map.of(AdminRequest.class, new AdminRequest(shop, this.clock.instant(), baseUrl, null)))
			.build();
	}

	/** Parses, validates and costs the request; the answer refusing it when it fails any of these. */
	private Costed cost(SimShop shop, ExecutionInput input) {
		GraphQLSchema graphqlSchema = this.schema.schema();
		ParseAndValidateResult parsed = ParseAndValidate.parseAndValidate(graphqlSchema, input);
		if (parsed.isFailure()) {
			return Costed.refused(
					response(parsed.getErrors().stream().map(AdminGraphql::shopifyError).toList(), 0, 0, shop));
		}
		Document document = parsed.getDocument();
		QueryCost cost;
		int requested;
		try {
			ExecutableNormalizedOperation operation = ExecutableNormalizedOperationFactory
				.createExecutableNormalizedOperationWithRawVariables(graphqlSchema, document,
						input.getOperationName(), RawVariables.of(input.getVariables()));
			cost = new QueryCost(graphqlSchema, operation);
			requested = cost.requested();
		}
		catch (QueryCost.UncostableException ex) {
			return Costed.refused(response(List.of(ex.error().toSpecification()), 0, 0, shop));
		}
		catch (RuntimeException ex) {
			if (ex instanceof GraphQLError error) {
				return Costed.refused(response(List.of(error.toSpecification()), 0, 0, shop));
			}
			throw ex;
		}
		if (requested > QueryCost.MAX_SINGLE_QUERY) {
			return Costed.refused(response(List.of(maxCostExceeded(requested)), requested, null, shop));
		}
		return new Costed(document, cost, null);
	}

	/** A request parsed and costed, or the answer that refuses it. */
	private record Costed(Document document, QueryCost cost, Map<String, Object> refusal) {

		static Costed refused(Map<String, Object> refusal) {
			return new Costed(null, null, refusal);
		}

	}

	private Map<String, Object> response(List<Map<String, Object>> errors, int requested, Integer actual,
			SimShop shop) {
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("errors", errors);
		response.put("extensions", Map.of("cost", cost(requested, actual, shop)));
		return response;
	}

	private Map<String, Object> cost(int requested, Integer actual, SimShop shop) {
		Map<String, Object> cost = new LinkedHashMap<>();
		cost.put("requestedQueryCost", requested);
		cost.put("actualQueryCost", actual);
		cost.put("throttleStatus", this.buckets.status(shop));
		return cost;
	}

	/**
	 * A parse or validation error as Shopify words it: the message without graphql-java's prefix, locations, and a
	 * camel-case {@code extensions.code} ({@code undefinedField} with the type and field for an unknown field).
	 */
	private static Map<String, Object> shopifyError(GraphQLError error) {
		Map<String, Object> shaped = new LinkedHashMap<>();
		shaped.put("message", error.getMessage());
		if (error.getLocations() != null) {
			shaped.put("locations", error.getLocations().stream().map(AdminGraphql::location).toList());
		}
		if (error instanceof ValidationError validation) {
			Matcher undefined = UNDEFINED_FIELD.matcher(validation.getDescription());
			if (undefined.find()) {
				shaped.put("message", "Field '" + undefined.group(1) + "' doesn't exist on type '"
						+ undefined.group(2) + "'");
				shaped.put("extensions", Map.of("code", "undefinedField", "typeName", undefined.group(2),
						"fieldName", undefined.group(1)));
			}
			else {
				String type = String.valueOf(validation.getValidationErrorType());
				shaped.put("message", PREFIX.matcher(validation.getDescription()).replaceFirst(""));
				shaped.put("extensions",
						Map.of("code", Character.toLowerCase(type.charAt(0)) + type.substring(1)));
			}
		}
		return shaped;
	}

	private static Map<String, Object> location(SourceLocation location) {
		return Map.of("line", location.getLine(), "column", location.getColumn());
	}

	private static Map<String, Object> maxCostExceeded(int requested) {
		return Map.of("message", "Query cost is " + requested + ", which exceeds the single query max cost limit ("
				+ QueryCost.MAX_SINGLE_QUERY + ").", "extensions",
				Map.of("code", "MAX_COST_EXCEEDED", "cost", requested, "maxCost", QueryCost.MAX_SINGLE_QUERY));
	}

	private static Map<String, Object> throttled() {
		return Map.of("message", "Throttled", "extensions",
				Map.of("code", "THROTTLED", "documentation", "https://shopify.dev/api/usage/rate-limits"));
	}

}
