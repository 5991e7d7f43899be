package com.metricsdash.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import com.metricsdash.inventory.Catalog;
import com.metricsdash.inventory.CatalogPayloads;
import com.metricsdash.inventory.InventoryLevelSnapshot;
import com.metricsdash.inventory.LocationSnapshot;
import com.metricsdash.shop.StoreAdminApi;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shopify.AdminDocument;
import com.metricsdash.shopify.BulkRecord;

import org.springframework.stereotype.Component;

/**
 * The products phase: the shop's locations first (a short paginated read), then every variant with its product and
 * its stock at each location, from one bulk export.
 */
@Component
class ProductsImport implements PhaseImport {

	private final Catalog catalog;

	private final StoreAdminApi api;

	private final AdminDocument itemLevels = AdminDocument.load("inventoryItemLevels");

	ProductsImport(Catalog catalog, StoreAdminApi api) {
		this.catalog = catalog;
		this.api = api;
	}

	@Override
	public SyncPhase phase() {
		return SyncPhase.PRODUCTS;
	}

	@Override
	public void prepare(StoreRef store) {
		List<LocationSnapshot> locations = new ArrayList<>();
		this.api.forEachNode(store.id(), CatalogPayloads.LOCATIONS, Map.of(), "locations",
				(node) -> locations.add(CatalogPayloads.locationFromGraphql(node)));
		this.catalog.applyLocations(store, locations);
	}

	@Override
	public String bulkQuery(StoreRef store) {
		return CatalogPayloads.PRODUCTS_BULK.text();
	}

	@Override
	public PageQuery pageQuery(StoreRef store) {
		return new PageQuery(CatalogPayloads.CATALOG_PAGE, Map.of(), "productVariants");
	}

	/**
	 * A variant of {@code catalogPage.graphql} with its levels at every location: when the page holds only the first
	 * of them, the rest are read too.
	 */
	@Override
	public BulkRecord fromPage(StoreRef store, JsonNode variant) {
		JsonNode item = variant.path("inventoryItem");
		List<JsonNode> levels = new ArrayList<>();
		if (item.path("inventoryLevels").path("pageInfo").path("hasNextPage").asBoolean(false)) {
			this.api.forEachNode(store.id(), this.itemLevels, Map.of("id", item.path("id").asString()),
					"inventoryItem.inventoryLevels", levels::add);
		}
		else {
			item.path("inventoryLevels").path("nodes").forEach(levels::add);
		}
		return new BulkRecord(variant, levels);
	}

	@Override
	public int apply(StoreRef store, List<BulkRecord> batch) {
		applyChanges(store, batch);
		return batch.size();
	}

	/**
	 * Applies variants with their products, inventory items and levels (a record's descendants); returns how many
	 * products, inventory items and stock levels changed.
	 */
	int applyChanges(StoreRef store, List<BulkRecord> batch) {
		List<JsonNode> variants = batch.stream().map(BulkRecord::root).toList();
		List<InventoryLevelSnapshot> levels = new ArrayList<>();
		batch.forEach((record) -> record.descendants()
			.forEach((level) -> levels.add(CatalogPayloads.levelFromGraphql(level))));
		return this.catalog.applyProducts(store, CatalogPayloads.productsFromVariants(variants))
				+ this.catalog.applyInventoryItems(store, CatalogPayloads.inventoryItemsFromVariants(variants))
				+ this.catalog.applyLevels(store, levels);
	}

}
