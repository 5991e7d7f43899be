package com.metricsdash.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.metricsdash.simulator.SimModel.LineItem;
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
class AdminGraphqlTests {

	private static final String ORDER_IDS = """
			query Orders($after: String, $query: String) {
			  orders(first: 250, after: $after, query: $query, sortKey: ID) {
			    nodes { id legacyResourceId updatedAt }
			    pageInfo { hasNextPage endCursor }
			  }
			}""";

	/**
	 * The app's own query for the line items of an order beyond the first page, with pages of 100: at 250 its
	 * requested cost is 1253, over Shopify's single query limit of 1000.
	 */
	private static final String ORDER_LINE_ITEMS = """
			query OrderLineItems($id: ID!, $after: String) { order(id: $id) { \
			lineItems(first: 100, after: $after) { nodes { id sku quantity currentQuantity variant { id } \
			product { id } originalUnitPriceSet { shopMoney { amount } } } pageInfo { hasNextPage endCursor } } } }""";

	/**
	 * The app's own query for an inventory item's levels at every location, with pages of 100: at 250 its requested
	 * cost is 1003, over Shopify's single query limit of 1000.
	 */
	private static final String INVENTORY_ITEM_LEVELS = """
			query InventoryItemLevels($id: ID!, $after: String) { inventoryItem(id: $id) { \
			inventoryLevels(first: 100, after: $after) { nodes { id updatedAt item { id } location { id } \
			quantities(names: ["available", "on_hand", "committed"]) { name quantity } } \
			pageInfo { hasNextPage endCursor } } } }""";

	@LocalServerPort
	int port;

	@Autowired
	SimulatedShops shops;

	@Autowired
	ThrottleBuckets buckets;

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
	void anUnknownFieldFailsValidationAsAtShopify() {
		JsonNode response = this.api.query(this.shop, this.token, "{ shop { name nonsense } }");

		assertThat(response.has("data")).isFalse();
		JsonNode error = response.path("errors").get(0);
		assertThat(error.path("message").asString()).isEqualTo("Field 'nonsense' doesn't exist on type 'Shop'");
		assertThat(error.path("extensions").path("code").asString()).isEqualTo("undefinedField");
		assertThat(error.path("locations").get(0).path("line").asInt()).isEqualTo(1);
		assertThat(error.path("locations").get(0).path("column").asInt()).isEqualTo(15);
	}

	@Test
	void aSyntaxErrorAndAMissingArgumentFailWithoutRunning() {
		JsonNode syntax = this.api.query(this.shop, this.token, "{ shop { name ");
		JsonNode missingArgument = this.api.query(this.shop, this.token, "{ node { id } }");

		assertThat(syntax.path("errors").get(0).path("message").asString()).isNotBlank();
		assertThat(syntax.has("data")).isFalse();
		assertThat(missingArgument.path("errors").get(0).path("extensions").path("code").asString())
			.isEqualTo("missingFieldArgument");
	}

	@Test
	void aMissingWrongOrExpiredTokenIs401() {
		String expired = this.shop.issueAccessToken(this.testShops.now().minusSeconds(1));
		String otherShopsToken = this.testShops.token(this.testShops.create());

		for (String token : new String[] { null, "shpat_wrong", expired, otherShopsToken }) {
			AdminApi.Response response = this.api.post(this.shop.domain(), "2026-10", token, "{ shop { name } }",
					Map.of());
			assertThat(response.status()).as("token %s", token).isEqualTo(401);
			assertThat(response.body().path("errors").asString())
				.isEqualTo("[API] Invalid API key or access token (unrecognized login or wrong password)");
		}
	}

	@Test
	void anUnknownShopOrApiVersionIs404() {
		assertThat(this.api.post("nowhere-1.myshopify.com", "2026-10", this.token, "{ shop { name } }", Map.of())
			.status()).isEqualTo(404);
		for (String version : new String[] { "2026-02", "2099-01", "latest" }) {
			assertThat(this.api.post(this.shop.domain(), version, this.token, "{ shop { name } }", Map.of()).status())
				.as(version)
				.isEqualTo(404);
		}
	}

	@Test
	void anInventoryItemSaysWhetherItsStockIsTracked() {
		SimModel.Variant variant = this.shop.variants().get(0);
		Instant changed = Instant.parse("2026-11-30T08:15:00Z");
		this.shop.put(new SimModel.Variant(variant.id(), variant.productId(), variant.title(), variant.sku(),
				variant.price(), variant.inventoryItemId(), false, variant.createdAt(), changed));

		JsonNode item = this.api.query(this.shop, this.token,
				"query($id: ID!) { inventoryItem(id: $id) { id tracked updatedAt } }",
				Map.of("id", Gids.of("InventoryItem", variant.inventoryItemId())))
			.path("data")
			.path("inventoryItem");

		assertThat(item.path("id").asString()).isEqualTo(Gids.of("InventoryItem", variant.inventoryItemId()));
		assertThat(item.path("tracked").asBoolean(true)).isFalse();
		assertThat(item.path("updatedAt").asString()).isEqualTo("2026-11-30T08:15:00Z");
	}

	@Test
	void anOrderWithMoreThanTenLineItemsIsPagedThroughWithTheAppsQuery() {
		SimShop chain = chainShop();
		String token = this.testShops.token(chain);
		Order order = chain.orders()
			.stream()
			.filter((candidate) -> candidate.lineItems().size() > 10)
			.findFirst()
			.orElseThrow();
		List<String> expected = order.lineItems().stream().map((item) -> Gids.of("LineItem", item.id())).toList();
		Map<String, Object> variables = Map.of("id", Gids.of("Order", order.id()));

		List<JsonNode> onePage = walk(chain, token, ORDER_LINE_ITEMS, variables, "/data/order/lineItems");
		List<JsonNode> pagesOfFour = walk(chain, token, ORDER_LINE_ITEMS.replace("first: 100", "first: 4"),
				variables, "/data/order/lineItems");

		assertThat(onePage).extracting((line) -> line.path("id").asString()).containsExactlyElementsOf(expected);
		assertThat(pagesOfFour).extracting((line) -> line.path("id").asString())
			.containsExactlyElementsOf(expected);
		JsonNode first = onePage.get(0);
		LineItem item = order.lineItems().get(0);
		assertThat(first.path("sku").asString()).isEqualTo(item.sku());
		assertThat(first.path("quantity").asInt()).isEqualTo(item.quantity());
		assertThat(first.path("currentQuantity").asInt()).isEqualTo(item.currentQuantity());
		assertThat(first.path("variant").path("id").asString()).isEqualTo(Gids.of("ProductVariant", item.variantId()));
		assertThat(first.path("product").path("id").asString()).isEqualTo(Gids.of("Product", item.productId()));
		assertThat(first.path("originalUnitPriceSet").path("shopMoney").path("amount").asString())
			.isEqualTo(item.price().toPlainString());
	}

	@Test
	void aVariantStockedAtTwelveLocationsHasItsLevelsPagedThroughWithTheAppsQuery() {
		SimShop chain = chainShop();
		String token = this.testShops.token(chain);
		SimModel.Variant variant = chain.variants().get(0);
		Map<String, Object> variables = Map.of("id", Gids.of("InventoryItem", variant.inventoryItemId()));

		List<JsonNode> onePage = walk(chain, token, INVENTORY_ITEM_LEVELS, variables,
				"/data/inventoryItem/inventoryLevels");
		List<JsonNode> pagesOfFive = walk(chain, token, INVENTORY_ITEM_LEVELS.replace("first: 100", "first: 5"),
				variables, "/data/inventoryItem/inventoryLevels");

		assertThat(onePage).hasSize(12);
		assertThat(onePage).extracting((level) -> level.path("location").path("id").asString())
			.containsExactlyInAnyOrderElementsOf(
					chain.locations().stream().map((location) -> Gids.of("Location", location.id())).toList());
		assertThat(pagesOfFive).isEqualTo(onePage);
		JsonNode level = onePage.get(0);
		SimModel.InventoryLevel stored = chain.level(variant.inventoryItemId(),
				Gids.idOf("Location", level.path("location").path("id").asString()).orElseThrow()).orElseThrow();
		assertThat(level.path("item").path("id").asString())
			.isEqualTo(Gids.of("InventoryItem", variant.inventoryItemId()));
		assertThat(level.path("quantities").toString()).isEqualTo("[{\"name\":\"available\",\"quantity\":"
				+ stored.available() + "},{\"name\":\"on_hand\",\"quantity\":" + stored.onHand()
				+ "},{\"name\":\"committed\",\"quantity\":" + stored.committed() + "}]");
	}

	/** A shop of 12 locations and a month of orders, some of them with more than 10 line items. */
	private SimShop chainShop() {
		return this.shops.add(this.factory.create("chain-" + UUID.randomUUID().toString().substring(0, 8)
				+ ".myshopify.com", ZoneId.of("America/New_York"), 23, 30, 20, 12));
	}

	/** Every node of a nested connection, following {@code endCursor} while {@code hasNextPage}. */
	private List<JsonNode> walk(SimShop shop, String token, String query, Map<String, Object> variables,
			String connection) {
		List<JsonNode> nodes = new ArrayList<>();
		String after = null;
		do {
			Map<String, Object> page = new HashMap<>(variables);
			page.put("after", after);
			JsonNode answer = this.api.query(shop, token, query, page);
			assertThat(answer.path("errors").isMissingNode()).as(answer.toString()).isTrue();
			JsonNode found = answer.at(connection);
			found.path("nodes").forEach(nodes::add);
			after = found.path("pageInfo").path("hasNextPage").asBoolean() ? found.path("pageInfo")
				.path("endCursor")
				.asString() : null;
		}
		while (after != null);
		return nodes;
	}

	@Test
	void aSupportedVersionAnswersAsItselfAndARetiredOneAsTheOldestSupported() {
		String oldest = ApiVersions.serving("2020-01", LocalDate.now(this.clock.withZone(ZoneOffset.UTC))).orElseThrow();

		AdminApi.Response pinned = this.api.post(this.shop.domain(), "2026-10", this.token, "{ shop { name } }",
				Map.of());
		AdminApi.Response retired = this.api.post(this.shop.domain(), "2025-04", this.token, "{ shop { name } }",
				Map.of());

		assertThat(pinned.apiVersion()).isEqualTo("2026-10");
		assertThat(retired.status()).isEqualTo(200);
		assertThat(retired.apiVersion()).isEqualTo(oldest).isNotEqualTo("2025-04");
		assertThat(retired.body().path("data").path("shop").path("name").asString()).isEqualTo(this.shop.name());
	}

	@Test
	void theShopReportsItsTimezoneAndCurrency() {
		JsonNode shop = this.api.query(this.shop, this.token,
				"{ shop { id name myshopifyDomain ianaTimezone currencyCode } }").path("data").path("shop");

		assertThat(shop.path("myshopifyDomain").asString()).isEqualTo(this.shop.domain());
		assertThat(shop.path("ianaTimezone").asString()).isEqualTo("America/New_York");
		assertThat(shop.path("currencyCode").asString()).isEqualTo("USD");
		assertThat(shop.path("id").asString()).startsWith("gid://shopify/Shop/");
	}

	@Test
	void paginationWalksEveryVisibleOrderExactlyOnce() {
		List<Order> orders = this.testShops.orders(this.shop, 600);
		Instant old = this.testShops.now().minus(Duration.ofDays(61));
		this.testShops.order(this.shop, old, old);

		List<String> seen = new ArrayList<>();
		String after = null;
		int pages = 0;
		do {
			JsonNode page = this.api
				.query(this.shop, this.token, ORDER_IDS, nullable("after", after))
				.path("data")
				.path("orders");
			page.path("nodes").forEach((node) -> seen.add(node.path("id").asString()));
			after = page.path("pageInfo").path("hasNextPage").asBoolean()
					? page.path("pageInfo").path("endCursor").asString() : null;
			pages++;
		}
		while (after != null);

		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactlyElementsOf(orders.stream().map(AdminGraphqlTests::gid).toList());
	}

	@Test
	void idsAboveTwoToThe53ComeBackExactly() {
		Order order = this.testShops.orders(this.shop, 1).get(0);

		JsonNode node = this.api
			.query(this.shop, this.token, "query($id: ID!) { node(id: $id) { ... on Order { id legacyResourceId } } }",
					Map.of("id", Gids.of("Order", order.id())))
			.path("data")
			.path("node");

		assertThat(order.id()).isGreaterThan(1L << 53);
		assertThat(node.path("legacyResourceId").isString()).isTrue();
		assertThat(node.path("legacyResourceId").asString()).isEqualTo(Long.toString(order.id()));
	}

	@Test
	void nodesFindsEachKindOfObjectAndNullForWhatTheAppMayNotSee() {
		SimModel.Variant variant = this.shop.variants().get(0);
		SimModel.Location location = this.shop.locations().get(0);
		Instant old = this.testShops.now().minus(Duration.ofDays(61));
		Order outsideTheWindow = this.testShops.order(this.shop, old, old);
		List<String> ids = List.of(Gids.of("Product", variant.productId()), Gids.of("ProductVariant", variant.id()),
				Gids.of("InventoryItem", variant.inventoryItemId()), Gids.of("Location", location.id()),
				gid(outsideTheWindow), Gids.of("Order", 1), "not-a-gid");

		JsonNode nodes = this.api.query(this.shop, this.token,
				"query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", Map.of("ids", ids))
			.path("data")
			.path("nodes");

		assertThat(nodes.findValuesAsString("__typename")).containsExactly("Product", "ProductVariant",
				"InventoryItem", "Location");
		assertThat(nodes.findValuesAsString("id")).containsExactlyElementsOf(ids.subList(0, 4));
		assertThat(nodes.get(4).isNull()).isTrue();
		assertThat(nodes).hasSize(7);
	}

	@Test
	void theUpdatedAtFilterReturnsOnlyOrdersUpdatedInTheRange() {
		Instant now = this.testShops.now().truncatedTo(ChronoUnit.SECONDS);
		Order before = this.testShops.order(this.shop, now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(2)));
		Order at = this.testShops.order(this.shop, now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(1)));
		Order after = this.testShops.order(this.shop, now.minus(Duration.ofDays(3)), now.minus(Duration.ofHours(1)));
		String since = now.minus(Duration.ofDays(1)).toString();
		String until = now.minus(Duration.ofHours(2)).toString();

		assertThat(orderIds("updated_at:>=" + since)).containsExactly(gid(at), gid(after));
		assertThat(orderIds("updated_at:>" + since)).containsExactly(gid(after));
		assertThat(orderIds("updated_at:>=" + since + " AND updated_at:<" + until)).containsExactly(gid(at));
		assertThat(orderIds("updated_at:<" + since + " AND financial_status:paid")).containsExactly(gid(before));
		assertThat(orderIds("processed_at:>=" + since)).isEmpty();
	}

	@Test
	void ordersSortByUpdatedAtAndReverse() {
		Instant now = this.testShops.now();
		Order late = this.testShops.order(this.shop, now.minus(Duration.ofDays(3)), now.minus(Duration.ofHours(1)));
		Order early = this.testShops.order(this.shop, now.minus(Duration.ofDays(2)), now.minus(Duration.ofHours(5)));
		String query = "query($reverse: Boolean) { orders(first: 5, sortKey: UPDATED_AT, reverse: $reverse) "
				+ "{ edges { cursor node { id } } } }";

		JsonNode ascending = this.api.query(this.shop, this.token, query, Map.of("reverse", false));
		JsonNode descending = this.api.query(this.shop, this.token, query, Map.of("reverse", true));

		assertThat(ascending.path("data").path("orders").path("edges").findValuesAsString("id"))
			.containsExactly(gid(early), gid(late));
		assertThat(descending.path("data").path("orders").path("edges").findValuesAsString("id"))
			.containsExactly(gid(late), gid(early));
	}

	@Test
	void productsVariantsAndInventoryLevelsReadAsTheAppReadsThem() {
		JsonNode data = this.api.query(this.shop, this.token, """
				{
				  products(first: 10) { nodes { id title status variants(first: 10) { nodes { id sku price } } } }
				  productVariants(first: 10) {
				    nodes {
				      id sku product { id }
				      inventoryItem {
				        id tracked
				        inventoryLevels(first: 5) {
				          nodes {
				            location { id name }
				            quantities(names: ["available", "on_hand", "committed"]) { name quantity }
				          }
				        }
				      }
				    }
				  }
				  locations(first: 5) { nodes { id name isActive } }
				}""").path("data");

		assertThat(data.path("products").path("nodes")).hasSize(2);
		assertThat(data.path("products").path("nodes").get(0).path("status").asString()).isEqualTo("ACTIVE");
		assertThat(data.path("products").path("nodes").get(0).path("variants").path("nodes").get(1).path("price")
			.asString()).isEqualTo("19.90");
		JsonNode variant = data.path("productVariants").path("nodes").get(0);
		assertThat(variant.path("sku").asString()).isEqualTo("SKU-1-1");
		JsonNode level = variant.path("inventoryItem").path("inventoryLevels").path("nodes").get(0);
		assertThat(level.path("location").path("name").asString()).isEqualTo("Warehouse");
		assertThat(level.path("quantities").findValuesAsString("name")).containsExactly("available", "on_hand",
				"committed");
		assertThat(level.path("quantities").findValues("quantity").stream().map(JsonNode::asInt))
			.containsExactly(11, 13, 2);
		assertThat(data.path("locations").path("nodes")).hasSize(2);
	}

	@Test
	void everyResponseReportsItsCostAndTheBucketDrainsUntilThrottled() {
		this.buckets.configure(this.shop, 100, 1);
		this.testShops.orders(this.shop, 3);

		JsonNode small = this.api.query(this.shop, this.token, "{ orders(first: 10) { nodes { id } } }");
		JsonNode cost = small.path("extensions").path("cost");
		assertThat(cost.path("requestedQueryCost").asInt()).isEqualTo(12);
		assertThat(cost.path("actualQueryCost").asInt()).isEqualTo(5);
		assertThat(cost.path("throttleStatus").path("maximumAvailable").asDouble()).isEqualTo(100.0);
		assertThat(cost.path("throttleStatus").path("restoreRate").asDouble()).isEqualTo(1.0);
		assertThat(cost.path("throttleStatus").path("currentlyAvailable").asInt()).isBetween(95, 96);

		JsonNode throttled = this.api.query(this.shop, this.token,
				"{ orders(first: 50) { nodes { id lineItems(first: 1) { nodes { id } } } } }");
		assertThat(throttled.has("data")).isFalse();
		assertThat(throttled.path("errors").get(0).path("message").asString()).isEqualTo("Throttled");
		assertThat(throttled.path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("THROTTLED");
		assertThat(throttled.path("extensions").path("cost").path("requestedQueryCost").asInt())
			.isEqualTo(2 + 50 * (1 + 2 + 1));
		assertThat(throttled.path("extensions").path("cost").path("throttleStatus").path("currentlyAvailable")
			.asInt()).isBetween(95, 97);
	}

	@Test
	void aQueryAboveTheSingleQueryLimitOrWithoutPageSizeIsRefused() {
		JsonNode tooDear = this.api.query(this.shop, this.token,
				"{ orders(first: 250) { nodes { id lineItems(first: 250) { nodes { id } } } } }");
		JsonNode unbounded = this.api.query(this.shop, this.token, "{ orders { nodes { id } } }");

		assertThat(tooDear.path("errors").get(0).path("extensions").path("code").asString())
			.isEqualTo("MAX_COST_EXCEEDED");
		assertThat(unbounded.path("errors").get(0).path("message").asString())
			.isEqualTo("you must provide one of first or last");
		assertThat(unbounded.has("data")).isFalse();
	}

	private List<String> orderIds(String search) {
		return this.api.query(this.shop, this.token, ORDER_IDS, Map.of("query", search))
			.path("data")
			.path("orders")
			.path("nodes")
			.findValuesAsString("id");
	}

	private static String gid(Order order) {
		return Gids.of("Order", order.id());
	}

	private static Map<String, Object> nullable(String name, Object value) {
		Map<String, Object> variables = new HashMap<>();
		variables.put(name, value);
		return variables;
	}

}
