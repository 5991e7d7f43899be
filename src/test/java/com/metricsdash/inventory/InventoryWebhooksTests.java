package com.metricsdash.inventory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.simulator.SimulatorCatalog;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.Merchant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end: a shop installed over HTTP (so it subscribes its webhooks) and loaded from a bulk export, then changed
 * at the simulator; the webhooks it sends bring the database to exactly the shop's state.
 */
@IntegrationTest
class InventoryWebhooksTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	Catalog catalog;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Stores stores;

	@Autowired
	StockLevels stockLevels;

	SimulatorCatalog simulator;

	InventoryDb db;

	String shop;

	StoreRef store;

	List<Long> variants;

	List<Long> locations;

	@BeforeEach
	void installedAndImported() throws InterruptedException {
		this.simulator = new SimulatorCatalog(this.context);
		this.db = new InventoryDb(this.jdbc, this.stores);
		this.shop = this.simulator.demoShop("stock");
		Installs.installAndSync(this.context, new Merchant(this.port), this.shop);
		this.store = this.db.store(this.shop);
		this.variants = this.simulator.variantIds(this.shop);
		this.locations = this.simulator.locationIds(this.shop);
	}

	@Test
	void trackingSwitchedOffAtShopifyStaysOffThroughLaterProductUpdates() {
		long product = this.simulator.productIds(this.shop).get(1);
		long variant = this.simulator.variantIds(this.shop, product).get(0);
		long item = this.simulator.inventoryItemId(this.shop, variant);
		assertThat(tracked(item)).isTrue();

		this.simulator.trackInventory(this.shop, variant, false);
		await().atMost(Duration.ofSeconds(10)).until(() -> !tracked(item));
		this.simulator.updateProduct(this.shop, product, "Renamed after");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.db.productTitle(this.store, product)).isEqualTo("Renamed after"));
		assertThat(tracked(item)).as("product webhooks say nothing of tracking").isFalse();
	}

	private boolean tracked(long inventoryItemId) {
		return this.jdbc.sql("select tracked from inventory_item where store_id = :id and shopify_id = :item")
			.param("id", this.store.id())
			.param("item", inventoryItemId)
			.query(Boolean.class)
			.single();
	}

	@Test
	void stockMovesOrdersAndProductChangesArriveAsTheShopHasThem() {
		long renamed = this.simulator.productIds(this.shop).get(0);
		long deleted = this.simulator.productIds(this.shop).get(1);
		int deletedVariants = this.simulator.variantIds(this.shop, deleted).size();

		this.simulator.adjustInventory(this.shop, this.variants.get(10), this.locations.get(0), 25);
		this.simulator.adjustInventory(this.shop, this.variants.get(11), this.locations.get(1), -1);
		this.simulator.placeOrder(this.shop, Map.of(this.variants.get(20), 2, this.variants.get(30), 1));
		this.simulator.updateProduct(this.shop, renamed, "Renamed Tee");
		this.simulator.deleteProduct(this.shop, deleted);
		long created = this.simulator.createProduct(this.shop, "Gift Card");
		// Shopify sends no level webhook for a new product's empty stock: its levels come with its first stock move
		long giftCard = this.simulator.variantIds(this.shop, created).get(0);
		this.locations.forEach((location) -> this.simulator.adjustInventory(this.shop, giftCard, location, 0));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(differences()).isEmpty();
			assertThat(this.db.productTitle(this.store, renamed)).isEqualTo("Renamed Tee");
			assertThat(this.db.productDeleted(this.store, deleted)).isTrue();
			assertThat(this.db.productTitle(this.store, created)).isEqualTo("Gift Card");
		});
		List<VariantStock> stock = this.stockLevels.stock(this.store.id());
		assertThat(stock).hasSize(150 - deletedVariants + 1);
		long restocked = this.variants.get(10);
		long item = this.simulator.inventoryItemId(this.shop, restocked);
		assertThat(stock).filteredOn((variant) -> variant.variantId() == restocked)
			.singleElement()
			.extracting(VariantStock::available)
			.isEqualTo(this.locations.stream()
				.mapToInt((location) -> this.simulator.levels(this.shop).get(new SimulatorCatalog.Level(item, location)))
				.sum());
	}

	@Test
	void shuffledAndDuplicatedDeliveriesEndInTheShopsFinalLevels() throws InterruptedException {
		this.simulator.shuffleAndDuplicateWebhooks(this.shop);

		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < 5; i++) {
				this.simulator.adjustInventory(this.shop, this.variants.get(i), this.locations.get(i % 2), round - 1);
			}
			this.simulator.placeOrder(this.shop, Map.of(this.variants.get(40 + round), 1));
			Thread.sleep(1100);
		}

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(differences()).isEmpty());
	}


	/** The levels where the database and the shop disagree, as "stored → shop's". */
	private Map<SimulatorCatalog.Level, String> differences() {
		Map<SimulatorCatalog.Level, Integer> stored = this.db.levels(this.store);
		Map<SimulatorCatalog.Level, String> differences = new HashMap<>();
		this.simulator.levels(this.shop).forEach((level, available) -> {
			if (!available.equals(stored.get(level))) {
				differences.put(level, stored.get(level) + " → " + available);
			}
		});
		stored.keySet().stream().filter((level) -> !this.simulator.levels(this.shop).containsKey(level))
			.forEach((level) -> differences.put(level, stored.get(level) + " → none"));
		return differences;
	}

}
