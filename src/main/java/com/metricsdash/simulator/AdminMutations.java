package com.metricsdash.simulator;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.metricsdash.simulator.AdminTypes.WebhookSubscriptionNode;
import com.metricsdash.simulator.SimModel.WebhookSubscription;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.TypeRuntimeWiring;
import org.springframework.stereotype.Component;

/**
 * The mutations the app sends: webhook subscriptions (create, by {@code uri} or the deprecated {@code callbackUrl},
 * idempotent by topic and address as Shopify enforces it, and delete) and bulk operations (run a query, cancel).
 * Refusals are {@code userErrors}, never GraphQL errors.
 */
@Component
@ConditionalOnSimulator
class AdminMutations {

	private final BulkOperations bulkOperations;

	AdminMutations(BulkOperations bulkOperations) {
		this.bulkOperations = bulkOperations;
	}

	TypeRuntimeWiring wiring() {
		return TypeRuntimeWiring.newTypeWiring("Mutation")
			.dataFetcher("webhookSubscriptionCreate", this::webhookSubscriptionCreate)
			.dataFetcher("webhookSubscriptionDelete", this::webhookSubscriptionDelete)
			.dataFetcher("bulkOperationRunQuery", this::bulkOperationRunQuery)
			.dataFetcher("bulkOperationCancel", this::bulkOperationCancel)
			.build();
	}

	/**
	 * Subscribes to a topic at {@code uri}, or at the deprecated {@code callbackUrl} of older clients; refusals name
	 * the input field that was given.
	 */
	private Map<String, Object> webhookSubscriptionCreate(DataFetchingEnvironment env) {
		AdminRequest request = AdminRequest.of(env);
		String topic = env.getArgument("topic");
		Map<String, Object> input = env.getArgument("webhookSubscription");
		String inputField = input.containsKey("uri") ? "uri" : "callbackUrl";
		String uri = (String) input.get(inputField);
		List<String> field = List.of("webhookSubscription", inputField);
		if (uri == null || !httpUrl(uri)) {
			return payload("webhookSubscription", null, userError(field, "Address is invalid"));
		}
		boolean taken = request.shop()
			.webhookSubscriptions()
			.stream()
			.anyMatch((existing) -> existing.topic().equals(topic) && existing.uri().equals(uri));
		if (taken) {
			return payload("webhookSubscription", null,
					userError(field, "Address for this topic has already been taken"));
		}
		WebhookSubscription subscription = new WebhookSubscription(request.shop().nextId(), topic, uri,
				request.now(), request.now());
		request.shop().put(subscription);
		return payload("webhookSubscription", new WebhookSubscriptionNode(subscription));
	}

	private Map<String, Object> webhookSubscriptionDelete(DataFetchingEnvironment env) {
		SimShop shop = AdminRequest.of(env).shop();
		String id = env.getArgument("id");
		boolean deleted = Gids.idOf("WebhookSubscription", id).map(shop::removeWebhookSubscription).orElse(false);
		if (!deleted) {
			return payload("deletedWebhookSubscriptionId", null,
					userError(List.of("id"), "Webhook subscription does not exist"));
		}
		return payload("deletedWebhookSubscriptionId", id);
	}

	private Map<String, Object> bulkOperationRunQuery(DataFetchingEnvironment env) {
		AdminRequest request = AdminRequest.of(env);
		try {
			BulkOperation operation = this.bulkOperations.start(request, env.getArgument("query"),
					env.getArgument("groupObjects"), env.getGraphQLSchema());
			return payload("bulkOperation", operation);
		}
		catch (BulkOperations.RejectedQueryException ex) {
			Map<String, Object> error = userError(List.of("query"), ex.getMessage());
			error.put("code", ex.code());
			return payload("bulkOperation", null, error);
		}
	}

	private Map<String, Object> bulkOperationCancel(DataFetchingEnvironment env) {
		SimShop shop = AdminRequest.of(env).shop();
		String id = env.getArgument("id");
		BulkOperation operation = Gids.idOf("BulkOperation", id)
			.flatMap((number) -> this.bulkOperations.find(shop, number))
			.orElse(null);
		if (operation == null) {
			return payload("bulkOperation", null, userError(List.of("id"), "Bulk operation does not exist"));
		}
		if (!operation.cancel()) {
			return payload("bulkOperation", operation, userError(List.of("id"),
					"A bulk operation cannot be canceled when it is " + operation.status().toLowerCase()));
		}
		return payload("bulkOperation", operation);
	}

	private static boolean httpUrl(String url) {
		try {
			URI uri = new URI(url);
			return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static Map<String, Object> payload(String name, Object value) {
		return payload(name, value, List.of());
	}

	private static Map<String, Object> payload(String name, Object value, Map<String, Object> userError) {
		return payload(name, value, List.of(userError));
	}

	private static Map<String, Object> payload(String name, Object value, List<Map<String, Object>> userErrors) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put(name, value);
		payload.put("userErrors", userErrors);
		return payload;
	}

	private static Map<String, Object> userError(List<String> field, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("field", field);
		error.put("message", message);
		return error;
	}

}
