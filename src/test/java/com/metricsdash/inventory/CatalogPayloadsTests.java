package com.metricsdash.inventory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.metricsdash.shopify.GlobalIds;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.simulator.SimulatorCatalog;
import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The mappers read what the simulator really sends: webhook bodies, query pages and a bulk export's lines. */
@IntegrationTest
class CatalogPayloadsTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	Catalog catalog;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Stores stores;

	SimulatorCatalog simulator;

	String shop;

	@BeforeEach
	void demoShop() {
		this.simulator = new SimulatorCatalog(this.context);
		this.shop = this.simulator.demoShop("payloads");
	}

	@Test
	void aProductWebhookKeepsIdsAbove2To53ExactAndReadsVariantsWithTheirInventoryItems() {
		long productId = this.simulator.productIds(this.shop).get(0);
		List<Long> variantIds = this.simulator.variantIds(this.shop, productId);

		ProductSnapshot product = CatalogPayloads.productFromWebhook(this.simulator.productWebhook(this.shop, productId));

		assertThat(productId).isGreaterThan(1L << 53);
		assertThat(product.id()).isEqualTo(productId);
		assertThat(product.title()).isEqualTo(this.simulator.title(this.shop, productId));
		assertThat(product.status()).isEqualTo("ACTIVE");
		assertThat(product.variants()).extracting(VariantSnapshot::id).containsExactlyElementsOf(variantIds);
		VariantSnapshot variant = product.variants().get(0);
		assertThat(variant.productId()).isEqualTo(productId);
		assertThat(variant.inventoryItemId()).isEqualTo(this.simulator.inventoryItemId(this.shop, variant.id()));
		assertThat(variant.sku()).startsWith("NB-");
		assertThat(variant.price()).isGreaterThan(BigDecimal.ZERO);
		assertThat(variant.updatedAt()).isEqualTo(product.updatedAt());
	}

	@Test
	void aLevelWebhookCarriesAvailableAndItsTimeOnly() {
		long variantId = this.simulator.variantIds(this.shop).get(3);
		long itemId = this.simulator.inventoryItemId(this.shop, variantId);
		long locationId = this.simulator.locationIds(this.shop).get(1);
		this.simulator.adjustInventory(this.shop, variantId, locationId, 5);
		JsonNode body = this.simulator.levelWebhook(this.shop, itemId, locationId);

		InventoryLevelSnapshot level = CatalogPayloads.levelFromWebhook(body, Instant.now());

		assertThat(level.inventoryItemId()).isEqualTo(itemId);
		assertThat(level.locationId()).isEqualTo(locationId);
		assertThat(level.available())
			.isEqualTo(this.simulator.levels(this.shop).get(new SimulatorCatalog.Level(itemId, locationId)));
		assertThat(level.onHand()).isNull();
		assertThat(level.updatedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
	}

	@Test
	void aBulkExportOfTheDemoCatalogueAppliedInBatchesEqualsTheShop() throws InterruptedException {
		List<JsonNode> lines = this.simulator.bulkExport(this.shop, CatalogPayloads.PRODUCTS_BULK.text());
		Map<String, JsonNode> variantsById = new LinkedHashMap<>();
		lines.stream()
			.filter((line) -> !line.has("__parentId"))
			.forEach((line) -> variantsById.put(line.path("id").asString(), line));
		List<JsonNode> variantLines = List.copyOf(variantsById.values());
		List<InventoryLevelSnapshot> levels = new ArrayList<>();
		for (JsonNode line : lines) {
			if (line.has("__parentId")) {
				InventoryLevelSnapshot level = CatalogPayloads.levelFromGraphql(line);
				levels.add(level);
				JsonNode parent = variantsById.get(line.path("__parentId").asString());
				assertThat(level.inventoryItemId()).isEqualTo(GlobalIds.numeric(parent.path("inventoryItem").path("id").asString()));
			}
		}
		List<ProductSnapshot> products = CatalogPayloads.productsFromVariants(variantLines);
		InventoryDb db = new InventoryDb(this.jdbc, this.stores);
		StoreRef store = db.newStore();

		assertThat(this.catalog.applyProducts(store, products)).isEqualTo(50);
		assertThat(this.catalog.applyLevels(store, levels)).isEqualTo(150);
		assertThat(this.catalog.applyProducts(store, products)).isZero();

		assertThat(products).hasSize(50);
		assertThat(products.stream().mapToInt((product) -> product.variants().size()).sum()).isEqualTo(150);
		assertThat(levels).hasSize(300).allMatch((level) -> level.onHand() == level.available() + level.committed());
		assertThat(db.count("product_variant", store)).isEqualTo(150);
		assertThat(db.count("inventory_item", store)).isEqualTo(150);
		assertThat(db.count("inventory_history", store)).isEqualTo(300);
		assertThat(db.levels(store)).isEqualTo(this.simulator.levels(this.shop));
	}

	@Test
	void aCatalogPageAndTheLocationsReadAsTheBulkExportDoes() {
		JsonNode page = this.simulator.query(this.shop, CatalogPayloads.CATALOG_PAGE.text(),
				Map.of("query", "updated_at:>=2000-01-01T00:00:00Z"));
		JsonNode locations = this.simulator.query(this.shop, CatalogPayloads.LOCATIONS.text(), Map.of());

		List<JsonNode> variants = new ArrayList<>();
		page.path("productVariants").path("nodes").forEach(variants::add);
		List<InventoryLevelSnapshot> levels = variants.stream()
			.flatMap((variant) -> variant.path("inventoryItem").path("inventoryLevels").path("nodes").valueStream())
			.map(CatalogPayloads::levelFromGraphql)
			.toList();
		List<LocationSnapshot> read = new ArrayList<>();
		locations.path("locations").path("nodes").forEach((node) -> read.add(CatalogPayloads.locationFromGraphql(node)));

		assertThat(variants).hasSize(20);
		assertThat(page.path("productVariants").path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
		assertThat(levels).hasSize(40)
			.allSatisfy((level) -> assertThat(this.simulator.levels(this.shop))
				.containsEntry(new SimulatorCatalog.Level(level.inventoryItemId(), level.locationId()), level.available()));
		assertThat(read).extracting(LocationSnapshot::id)
			.containsExactlyInAnyOrderElementsOf(this.simulator.locationIds(this.shop));
		assertThat(read).allMatch(LocationSnapshot::active);
	}

}
