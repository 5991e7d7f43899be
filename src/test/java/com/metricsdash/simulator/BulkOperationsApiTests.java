package com.metricsdash.simulator;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.metricsdash.simulator.SimModel.Order;
import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class BulkOperationsApiTests {

	private static final String RUN = """
			mutation Run($query: String!) {
			  bulkOperationRunQuery(query: $query) {
			    bulkOperation { id status }
			    userErrors { field message code }
			  }
			}""";

	private static final String RUN_GROUPED = """
			mutation Run($query: String!) {
			  bulkOperationRunQuery(query: $query, groupObjects: true) {
			    bulkOperation { id status }
			    userErrors { field message code }
			  }
			}""";

	private static final String CURRENT = """
			{ currentBulkOperation { id status errorCode objectCount rootObjectCount fileSize url partialDataUrl
			  createdAt completedAt } }""";

	@LocalServerPort
	int port;

	@Autowired
	SimulatedShops shops;

	@Autowired
	Clock clock;

	@Autowired
	JsonMapper json;

	@Autowired
	DemoShopFactory factory;

	TestShops testShops;

	AdminApi api;

	SimShop shop;

	String token;

	@BeforeEach
	void createShop() {
		this.testShops = new TestShops(this.shops, this.clock);
		this.api = new AdminApi(this.json, this.port);
		this.shop = this.testShops.create();
		this.token = this.testShops.token(this.shop);
	}

	@Test
	void aGroupedBulkQueryCompletesWithAJsonlFileWhoseChildLinesFollowTheirParent() throws InterruptedException {
		List<Order> orders = this.testShops.orders(this.shop, 300);
		Instant old = this.testShops.now().minus(Duration.ofDays(61));
		this.testShops.order(this.shop, old, old);

		JsonNode started = run(RUN_GROUPED, """
				{
				  orders(query: "updated_at:>=2000-01-01T00:00:00Z") {
				    edges {
				      node { id name totalPriceSet { shopMoney { amount } } lineItems { edges { node { id sku } } } }
				    }
				  }
				}""");
		JsonNode completed = awaitCompletion();
		HttpResponse<String> file = this.api.get(completed.path("url").asString());

		assertThat(started.path("userErrors")).isEmpty();
		assertThat(started.path("bulkOperation").path("id").asString()).isEqualTo(completed.path("id").asString());
		assertThat(completed.path("rootObjectCount").asLong()).isEqualTo(300);
		assertThat(completed.path("objectCount").asLong()).isEqualTo(900);
		assertThat(completed.path("completedAt").asString()).endsWith("Z");
		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(completed.path("fileSize").asLong()).isEqualTo(file.body().getBytes().length);
		List<JsonNode> lines = file.body().lines().map(this.api::parse).toList();
		assertThat(lines).hasSize(900);
		String parent = null;
		int orderLines = 0;
		for (JsonNode line : lines) {
			if (line.path("id").asString().startsWith("gid://shopify/Order/")) {
				assertThat(line.has("__parentId")).isFalse();
				assertThat(line.has("lineItems")).isFalse();
				assertThat(line.path("totalPriceSet").path("shopMoney").path("amount").asString()).isEqualTo("59.70");
				parent = line.path("id").asString();
				assertThat(parent).isEqualTo(Gids.of("Order", orders.get(orderLines).id()));
				orderLines++;
			}
			else {
				assertThat(line.path("id").asString()).startsWith("gid://shopify/LineItem/");
				assertThat(line.path("__parentId").asString()).isEqualTo(parent);
			}
		}
		assertThat(orderLines).isEqualTo(300);
	}

	@Test
	void byDefaultABulkFileHasEveryLineOnceInNoOrderSoChildrenComeBeforeTheirParentAtTimes()
			throws InterruptedException {
		this.shop = this.shops.add(this.factory.create("bulk-" + UUID.randomUUID().toString().substring(0, 8)
				+ ".myshopify.com", ZoneId.of("America/New_York"), 17, 30, 165));
		this.token = this.testShops.token(this.shop);
		Map<String, String> expected = new HashMap<>();
		for (Order order : this.shop.orders()) {
			String parent = Gids.of("Order", order.id());
			expected.put(parent, null);
			order.lineItems().forEach((item) -> expected.put(Gids.of("LineItem", item.id()), parent));
		}

		run("{ orders { edges { node { id lineItems { edges { node { id } } } } } } }");
		List<JsonNode> lines = this.api.get(awaitCompletion().path("url").asString())
			.body()
			.lines()
			.map(this.api::parse)
			.toList();

		Map<String, String> parents = new HashMap<>();
		Map<String, Integer> positions = new HashMap<>();
		for (JsonNode line : lines) {
			String id = line.path("id").asString();
			positions.put(id, positions.size());
			parents.put(id, line.has("__parentId") ? line.path("__parentId").asString() : null);
		}
		assertThat(lines).hasSize(expected.size()).hasSizeGreaterThan(10_000);
		assertThat(parents).containsExactlyInAnyOrderEntriesOf(expected);
		assertThat(parents.entrySet()).filteredOn((line) -> line.getValue() != null)
			.anySatisfy((child) -> assertThat(positions.get(child.getKey()))
				.isLessThan(positions.get(child.getValue())));
	}

	@Test
	void theOperationIsFoundByItsIdOnlyInItsOwnShop() throws InterruptedException {
		this.testShops.orders(this.shop, 2);
		String id = run("{ orders { nodes { id } } }").path("bulkOperation").path("id").asString();
		awaitCompletion();
		SimShop otherShop = this.testShops.create();
		String query = "query($id: ID!) { node(id: $id) { ... on BulkOperation { id status } } }";

		JsonNode own = this.api.query(this.shop, this.token, query, Map.of("id", id));
		JsonNode other = this.api.query(otherShop, this.testShops.token(otherShop), query, Map.of("id", id));

		assertThat(own.path("data").path("node").path("status").asString()).isEqualTo("COMPLETED");
		assertThat(other.path("data").path("node").isNull()).isTrue();
	}

	@Test
	void aBulkQueryBreakingShopifysRulesIsRefusedWithAUserError() {
		assertThat(refusal("{ orders { nodes { id nonsense } } }")).contains("Invalid bulk query");
		assertThat(refusal("{ shop { name } }")).contains("top-level connection");
		assertThat(refusal("{ orders { nodes { lineItems { nodes { id } } } } }")).contains("must select the 'id'");
		assertThat(refusal("""
				{ products { nodes { id variants { nodes { id inventoryItem {
				  inventoryLevels { nodes { id location { id } } } } } } } } }"""))
			.contains("nesting depth greater than 2");
		assertThat(refusal("""
				{ products { nodes { id
				  a: variants { nodes { id } } b: variants { nodes { id } } c: variants { nodes { id } }
				  d: variants { nodes { id } } e: variants { nodes { id } } } } }"""))
			.contains("more than 5 connections");
		assertThat(this.api.query(this.shop, this.token, CURRENT).path("data").path("currentBulkOperation").isNull())
			.isTrue();
	}

	@Test
	void oneBulkOperationRunsAtATimeAndARunningOneCanBeCanceled() throws InterruptedException {
		this.testShops.orders(this.shop, 20_000);
		String query = "{ orders { edges { node { id lineItems { edges { node { id } } } } } } }";

		JsonNode first = run(query);
		JsonNode second = run(query);
		String id = first.path("bulkOperation").path("id").asString();
		JsonNode cancel = this.api.query(this.shop, this.token,
				"mutation($id: ID!) { bulkOperationCancel(id: $id) "
						+ "{ bulkOperation { status } userErrors { message } } }",
				Map.of("id", id)).path("data").path("bulkOperationCancel");
		JsonNode canceled = await("CANCELED");

		assertThat(second.path("bulkOperation").isNull()).isTrue();
		assertThat(second.path("userErrors").get(0).path("code").asString()).isEqualTo("OPERATION_IN_PROGRESS");
		assertThat(second.path("userErrors").get(0).path("message").asString()).contains(id);
		assertThat(cancel.path("userErrors")).isEmpty();
		assertThat(cancel.path("bulkOperation").path("status").asString()).isEqualTo("CANCELING");
		assertThat(canceled.path("id").asString()).isEqualTo(id);
		assertThat(canceled.path("url").isNull()).isTrue();
		assertThat(run("{ products { nodes { id } } }").path("userErrors")).isEmpty();
	}

	private String refusal(String query) {
		JsonNode payload = run(query);
		assertThat(payload.path("bulkOperation").isNull()).isTrue();
		assertThat(payload.path("userErrors").get(0).path("code").asString()).isEqualTo("INVALID");
		return payload.path("userErrors").get(0).path("message").asString();
	}

	private JsonNode run(String query) {
		return run(RUN, query);
	}

	private JsonNode run(String document, String query) {
		return this.api.query(this.shop, this.token, document, Map.of("query", query))
			.path("data")
			.path("bulkOperationRunQuery");
	}

	private JsonNode awaitCompletion() throws InterruptedException {
		return await("COMPLETED");
	}

	/** Polls {@code currentBulkOperation} as the app does until it has finished, and expects that status. */
	private JsonNode await(String status) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(30);
		while (Instant.now().isBefore(deadline)) {
			JsonNode current = this.api.query(this.shop, this.token, CURRENT).path("data").path("currentBulkOperation");
			if (!List.of("CREATED", "RUNNING", "CANCELING").contains(current.path("status").asString())) {
				assertThat(current.path("status").asString()).isEqualTo(status);
				return current;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The bulk operation did not finish within 30 s");
	}

}
