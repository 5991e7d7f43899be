package com.metricsdash.simulator;

import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class WebhookSubscriptionsApiTests {

	/** The app's own document, as it subscribes since 2026-10. */
	private static final String CREATE = """
			mutation WebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $uri: String!) { \
			webhookSubscriptionCreate(topic: $topic, webhookSubscription: {uri: $uri, format: JSON}) { \
			webhookSubscription { id topic uri } userErrors { field message } } }""";

	/** As clients written before 2025-07 subscribe, with the deprecated {@code callbackUrl}. */
	private static final String CREATE_BY_CALLBACK_URL = """
			mutation Subscribe($topic: WebhookSubscriptionTopic!, $url: URL!) {
			  webhookSubscriptionCreate(topic: $topic, webhookSubscription: {callbackUrl: $url, format: JSON}) {
			    webhookSubscription { id topic callbackUrl endpoint { __typename ... on WebhookHttpEndpoint { callbackUrl } } }
			    userErrors { field message }
			  }
			}""";

	/** The app's own list, page by page. */
	private static final String LIST = """
			query WebhookSubscriptions($after: String) { \
			webhookSubscriptions(first: 100, after: $after) { nodes { id topic uri } pageInfo { hasNextPage endCursor } } }""";

	private static final String DELETE = """
			mutation Unsubscribe($id: ID!) {
			  webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { field message } }
			}""";

	private static final String URL = "https://app.example.com/webhooks/shopify";

	@LocalServerPort
	int port;

	@Autowired
	SimulatedShops shops;

	@Autowired
	Clock clock;

	@Autowired
	JsonMapper json;

	AdminApi api;

	SimShop shop;

	String token;

	@BeforeEach
	void createShop() {
		TestShops testShops = new TestShops(this.shops, this.clock);
		this.api = new AdminApi(this.json, this.port);
		this.shop = testShops.create();
		this.token = testShops.token(this.shop);
	}

	@Test
	void subscribingByUriListsTheSubscriptionWithItsUriAndTheSameTopicAndUriTwiceIsAUserError() {
		JsonNode first = create("ORDERS_CREATE", URL);
		JsonNode again = create("ORDERS_CREATE", URL);
		JsonNode otherTopic = create("ORDERS_UPDATED", URL);
		JsonNode otherUri = create("ORDERS_CREATE", URL + "?again");

		JsonNode created = first.path("data").path("webhookSubscriptionCreate");
		assertThat(created.path("userErrors")).isEmpty();
		assertThat(created.path("webhookSubscription").path("id").asString())
			.startsWith("gid://shopify/WebhookSubscription/");
		assertThat(created.path("webhookSubscription").path("topic").asString()).isEqualTo("ORDERS_CREATE");
		assertThat(created.path("webhookSubscription").path("uri").asString()).isEqualTo(URL);
		assertThat(first.path("extensions").path("cost").path("requestedQueryCost").asInt()).isEqualTo(10);

		JsonNode refused = again.path("data").path("webhookSubscriptionCreate");
		assertThat(refused.path("webhookSubscription").isNull()).isTrue();
		assertThat(refused.path("userErrors").get(0).path("message").asString())
			.isEqualTo("Address for this topic has already been taken");
		assertThat(refused.path("userErrors").get(0).path("field").values().stream().map(JsonNode::asString))
			.containsExactly("webhookSubscription", "uri");
		assertThat(otherTopic.path("data").path("webhookSubscriptionCreate").path("userErrors")).isEmpty();
		assertThat(otherUri.path("data").path("webhookSubscriptionCreate").path("userErrors")).isEmpty();

		JsonNode listed = this.api.query(this.shop, this.token, LIST, Collections.singletonMap("after", null))
			.path("data")
			.path("webhookSubscriptions");
		assertThat(listed.path("nodes").values().stream().map((node) -> node.path("topic").asString() + " "
				+ node.path("uri").asString()))
			.containsExactlyInAnyOrder("ORDERS_CREATE " + URL, "ORDERS_UPDATED " + URL, "ORDERS_CREATE " + URL
					+ "?again");
		assertThat(listed.path("pageInfo").path("hasNextPage").asBoolean()).isFalse();
	}

	@Test
	void theTopicsOfInventoryItemsAndPaidOrdersCanBeSubscribedTo() {
		for (String topic : List.of("INVENTORY_ITEMS_CREATE", "INVENTORY_ITEMS_UPDATE", "ORDERS_PAID")) {
			JsonNode answer = create(topic, URL);

			assertThat(answer.path("errors").isMissingNode()).as(topic).isTrue();
			assertThat(answer.path("data").path("webhookSubscriptionCreate").path("userErrors")).as(topic).isEmpty();
		}
		assertThat(this.shop.webhookSubscriptions()).extracting(SimModel.WebhookSubscription::topic)
			.containsExactlyInAnyOrder("INVENTORY_ITEMS_CREATE", "INVENTORY_ITEMS_UPDATE", "ORDERS_PAID");
	}

	@Test
	void anOlderClientSubscribesWithTheDeprecatedCallbackUrlAndReadsItBack() {
		JsonNode first = this.api.query(this.shop, this.token, CREATE_BY_CALLBACK_URL,
				Map.of("topic", "ORDERS_CREATE", "url", URL));
		JsonNode again = this.api.query(this.shop, this.token, CREATE_BY_CALLBACK_URL,
				Map.of("topic", "ORDERS_CREATE", "url", URL));

		JsonNode created = first.path("data").path("webhookSubscriptionCreate").path("webhookSubscription");
		assertThat(created.path("callbackUrl").asString()).isEqualTo(URL);
		assertThat(created.path("endpoint").path("__typename").asString()).isEqualTo("WebhookHttpEndpoint");
		assertThat(created.path("endpoint").path("callbackUrl").asString()).isEqualTo(URL);
		assertThat(again.path("data").path("webhookSubscriptionCreate").path("userErrors").get(0).path("field")
			.values().stream().map(JsonNode::asString)).containsExactly("webhookSubscription", "callbackUrl");
		assertThat(this.shop.webhookSubscriptions()).extracting(SimModel.WebhookSubscription::uri)
			.containsExactly(URL);
	}

	@Test
	void aDeletedSubscriptionIsGoneAndCannotBeDeletedTwice() {
		String id = create("ORDERS_CREATE", URL).path("data").path("webhookSubscriptionCreate")
			.path("webhookSubscription").path("id").asString();
		JsonNode found = this.api.query(this.shop, this.token,
				"query($id: ID!) { node(id: $id) { ... on WebhookSubscription { topic } } }", Map.of("id", id));

		JsonNode deleted = this.api.query(this.shop, this.token, DELETE, Map.of("id", id));
		JsonNode deletedAgain = this.api.query(this.shop, this.token, DELETE, Map.of("id", id));

		assertThat(found.path("data").path("node").path("topic").asString()).isEqualTo("ORDERS_CREATE");
		assertThat(deleted.path("data").path("webhookSubscriptionDelete").path("deletedWebhookSubscriptionId")
			.asString()).isEqualTo(id);
		assertThat(this.api.query(this.shop, this.token, LIST, Collections.singletonMap("after", null))
			.path("data").path("webhookSubscriptions").path("nodes")).isEmpty();
		assertThat(deletedAgain.path("data").path("webhookSubscriptionDelete").path("userErrors")).hasSize(1);
	}

	@Test
	void anInvalidAddressIsAUserError() {
		JsonNode refused = create("ORDERS_CREATE", "not a url").path("data").path("webhookSubscriptionCreate");

		assertThat(refused.path("userErrors").get(0).path("message").asString()).isEqualTo("Address is invalid");
		assertThat(this.shop.webhookSubscriptions()).isEmpty();
	}

	private JsonNode create(String topic, String url) {
		return this.api.query(this.shop, this.token, CREATE, Map.of("topic", topic, "uri", url));
	}

}
