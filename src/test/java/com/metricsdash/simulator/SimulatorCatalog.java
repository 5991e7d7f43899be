package com.metricsdash.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import com.metricsdash.simulator.SimModel.InventoryLevel;
import com.metricsdash.simulator.SimModel.Location;
import com.metricsdash.simulator.SimModel.Product;
import com.metricsdash.simulator.SimModel.Variant;
import com.metricsdash.simulator.SimWebhooks.DeliveryMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/**
 * What inventory tests do to the simulator, standing in for a merchant at Shopify's admin: make a shop with the demo
 * catalogue and stock, change products and stock (which sends the webhooks), read what the shop holds, and produce
 * the webhook bodies and bulk exports Shopify would.
 */
public final class SimulatorCatalog {

	private static final String RUN_BULK = """
			mutation Run($query: String!) {
			  bulkOperationRunQuery(query: $query) { bulkOperation { id } userErrors { message } }
			}""";

	private final SimulatedShops shops;

	private final DemoShopFactory factory;

	private final SimStoreActions actions;

	private final SimWebhooks webhooks;

	private final JsonMapper json;

	private final AdminApi api;

	public SimulatorCatalog(ApplicationContext context) {
		this.shops = context.getBean(SimulatedShops.class);
		this.factory = context.getBean(DemoShopFactory.class);
		this.actions = context.getBean(SimStoreActions.class);
		this.webhooks = context.getBean(SimWebhooks.class);
		this.json = context.getBean(JsonMapper.class);
		this.api = new AdminApi(this.json, context.getBean(Environment.class).getRequiredProperty("local.server.port",
				Integer.class));
	}

	/** A shop with the demo catalogue (50 products, 150 variants) stocked at two locations, and no orders. */
	public String demoShop(String prefix) {
		String domain = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		this.shops.add(this.factory.create(domain, ZoneId.of("America/New_York"), new Random().nextInt(100_000), 1, 0));
		return domain;
	}

	public List<Long> productIds(String domain) {
		return shop(domain).products().stream().map(Product::id).toList();
	}

	public List<Long> variantIds(String domain) {
		return shop(domain).variants().stream().map(Variant::id).toList();
	}

	public List<Long> variantIds(String domain, long productId) {
		return shop(domain).variants().stream().filter((variant) -> variant.productId() == productId)
			.map(Variant::id).toList();
	}

	public long inventoryItemId(String domain, long variantId) {
		return shop(domain).variant(variantId).orElseThrow().inventoryItemId();
	}

	public List<Long> locationIds(String domain) {
		return shop(domain).locations().stream().map(Location::id).toList();
	}

	public String title(String domain, long productId) {
		return shop(domain).product(productId).orElseThrow().title();
	}

	/** Every level the shop holds: available by inventory item and location. */
	public Map<Level, Integer> levels(String domain) {
		return shop(domain).levels()
			.stream()
			.collect(Collectors.toMap((level) -> new Level(level.inventoryItemId(), level.locationId()),
					InventoryLevel::available));
	}

	public void adjustInventory(String domain, long variantId, long locationId, int delta) {
		this.actions.adjustInventory(shop(domain), variantId, locationId, delta);
	}

	/** The variant's stock at the shop, over every location. */
	public int stock(String domain, long variantId) {
		long item = inventoryItemId(domain, variantId);
		return levels(domain).entrySet()
			.stream()
			.filter((level) -> level.getKey().inventoryItemId() == item)
			.mapToInt(Map.Entry::getValue)
			.sum();
	}

	/**
	 * A variant stocked well above a new store's low-stock threshold of 10, so that dropping its stock fires a new
	 * alert: the demo catalogue stocks a few variants below the threshold from the start, already alerted once synced.
	 */
	public long wellStockedVariant(String domain) {
		return variantIds(domain).stream().filter((variant) -> stock(domain, variant) >= 20).findFirst().orElseThrow();
	}

	/** Sets the variant's stock at the shop to {@code total}, all of it at the first location. */
	public void setStock(String domain, long variantId, int total) {
		long item = inventoryItemId(domain, variantId);
		List<Long> locations = locationIds(domain);
		for (int i = 0; i < locations.size(); i++) {
			int current = levels(domain).get(new Level(item, locations.get(i)));
			int wanted = (i == 0) ? total : 0;
			if (current != wanted) {
				adjustInventory(domain, variantId, locations.get(i), wanted - current);
			}
		}
	}

	public long createProduct(String domain, String title) {
		return this.actions.createProduct(shop(domain), title, new BigDecimal("9.50")).id();
	}

	public void updateProduct(String domain, long productId, String title) {
		this.actions.updateProduct(shop(domain), productId, title);
	}

	public void deleteProduct(String domain, long productId) {
		this.actions.deleteProduct(shop(domain), productId);
	}

	/** Switches whether Shopify tracks the variant's stock, as the merchant does in the admin. */
	public void trackInventory(String domain, long variantId, boolean tracked) {
		this.actions.trackInventory(shop(domain), variantId, tracked);
	}

	public void placeOrder(String domain, Map<Long, Integer> quantities) {
		this.actions.placeOrder(shop(domain), quantities);
	}

	/** From now on the shop's webhooks are held for a second and sent in random order, each twice. */
	public void shuffleAndDuplicateWebhooks(String domain) {
		this.webhooks.mode(domain, new DeliveryMode(true, true, Duration.ZERO, false));
	}

	/** The {@code products/update} body Shopify would send for the product as it is now. */
	public JsonNode productWebhook(String domain, long productId) {
		SimShop shop = shop(domain);
		Product product = shop.product(productId).orElseThrow();
		List<Variant> variants = shop.variants().stream().filter((variant) -> variant.productId() == productId)
			.toList();
		return this.json.valueToTree(SimPayloads.product(shop, product, variants));
	}

	/** The {@code inventory_levels/update} body Shopify would send for the level as it is now. */
	public JsonNode levelWebhook(String domain, long inventoryItemId, long locationId) {
		SimShop shop = shop(domain);
		return this.json.valueToTree(SimPayloads.inventoryLevel(shop, shop.level(inventoryItemId, locationId)
			.orElseThrow()));
	}

	/** Answers a GraphQL document as the shop's Admin API does; returns its {@code data}, failing on errors. */
	public JsonNode query(String domain, String document, Map<String, Object> variables) {
		SimShop shop = shop(domain);
		JsonNode answer = this.api.query(shop, token(shop), document, variables);
		if (answer.has("errors")) {
			throw new AssertionError("The query failed: " + answer.path("errors"));
		}
		return answer.path("data");
	}

	/** Runs a bulk operation to completion and returns the lines of its JSONL file. */
	public List<JsonNode> bulkExport(String domain, String bulkQuery) throws InterruptedException {
		SimShop shop = shop(domain);
		String token = token(shop);
		JsonNode started = this.api.query(shop, token, RUN_BULK, Map.of("query", bulkQuery))
			.path("data")
			.path("bulkOperationRunQuery");
		if (!started.path("userErrors").isEmpty()) {
			throw new AssertionError("The bulk query was refused: " + started.path("userErrors"));
		}
		Instant deadline = Instant.now().plusSeconds(30);
		while (Instant.now().isBefore(deadline)) {
			JsonNode current = this.api.query(shop, token, "{ currentBulkOperation { status url } }")
				.path("data")
				.path("currentBulkOperation");
			if (current.path("status").asString().equals("COMPLETED")) {
				return this.api.get(current.path("url").asString()).body().lines().map(this.api::parse).toList();
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The bulk operation did not complete within 30 s");
	}

	private static String token(SimShop shop) {
		return shop.issueAccessToken(Instant.now().plusSeconds(3600));
	}

	private SimShop shop(String domain) {
		return this.shops.find(domain).orElseThrow();
	}

	/** Where a quantity is: an inventory item at a location. */
	public record Level(long inventoryItemId, long locationId) {
	}

}
