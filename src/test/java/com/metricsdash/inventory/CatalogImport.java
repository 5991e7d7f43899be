package com.metricsdash.inventory;

import java.util.ArrayList;
import java.util.List;

import com.metricsdash.shop.StoreRef;
import tools.jackson.databind.JsonNode;

/** Loads a store from the lines of a {@code productsBulk.graphql} export, as the initial sync will. */
final class CatalogImport {

	private CatalogImport() {
	}

	static void importBulk(Catalog catalog, StoreRef store, List<JsonNode> lines) {
		List<JsonNode> variants = new ArrayList<>();
		List<InventoryLevelSnapshot> levels = new ArrayList<>();
		for (JsonNode line : lines) {
			if (line.has("__parentId")) {
				levels.add(CatalogPayloads.levelFromGraphql(line));
			}
			else {
				variants.add(line);
			}
		}
		catalog.applyProducts(store, CatalogPayloads.productsFromVariants(variants));
		catalog.applyLevels(store, levels);
	}

}
