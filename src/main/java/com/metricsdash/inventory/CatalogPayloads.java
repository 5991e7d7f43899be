package com.metricsdash.inventory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.metricsdash.shopify.AdminDocument;
import com.metricsdash.shopify.GlobalIds;
import com.metricsdash.shopify.Rfc3339;
import tools.jackson.databind.JsonNode;

/**
 * Reads catalogue and stock from the two shapes Shopify sends them in: webhook bodies (REST shape: numeric ids,
 * snake_case, decimal strings, local times with offsets) and Admin GraphQL answers (global ids such as
 * {@code gid://shopify/Product/123}, camelCase), including the lines of a bulk export of {@code productsBulk.graphql},
 * where a variant line carries its product inline and each inventory level follows as a line of its own with
 * {@code __parentId}. Kept in one place so that webhooks, sync and reconciliation read Shopify identically.
 */
public final class CatalogPayloads {

	/** The bulk export of every variant with its product, inventory item and levels. */
	public static final AdminDocument PRODUCTS_BULK = AdminDocument.load("productsBulk");

	/** One page of the same, filterable by {@code updated_at}. */
	public static final AdminDocument CATALOG_PAGE = AdminDocument.load("catalogPage");

	/** One page of the shop's locations, inactive ones included. */
	public static final AdminDocument LOCATIONS = AdminDocument.load("locations");

	/** The quantity that webhooks carry and that alerts watch. */
	private static final String AVAILABLE = "available";

	private CatalogPayloads() {
	}

	/**
	 * A {@code products/create} or {@code products/update} body. Since 2024-07 its variants no longer say whether
	 * their stock is tracked ({@code inventory_management} is gone): that comes from the inventory item alone.
	 */
	public static ProductSnapshot productFromWebhook(JsonNode body) {
		long productId = number(body.path("id"), "id");
		List<VariantSnapshot> variants = new ArrayList<>();
		for (JsonNode variant : body.path("variants")) {
			variants.add(new VariantSnapshot(number(variant.path("id"), "variant id"), productId, variant.path("title").asString(),
					text(variant.path("sku")), decimal(variant.path("price")), optionalLong(variant.path("inventory_item_id")),
					time(variant.path("updated_at"))));
		}
		return new ProductSnapshot(productId, body.path("title").asString(), status(body.path("status")),
				time(body.path("updated_at")), variants);
	}

	/** The product id of a {@code products/delete} body, which carries nothing else. */
	public static long deletedProductId(JsonNode body) {
		return number(body.path("id"), "id");
	}

	/** An {@code inventory_items/create} or {@code inventory_items/update} body. */
	public static InventoryItemSnapshot inventoryItemFromWebhook(JsonNode body) {
		JsonNode tracked = body.path("tracked");
		if (!tracked.isBoolean()) {
			throw new IllegalArgumentException("Expected tracked to be true or false but found " + tracked);
		}
		return new InventoryItemSnapshot(number(body.path("id"), "id"), tracked.asBoolean(), time(body.path("updated_at")));
	}

	/**
	 * An {@code inventory_levels/update} body: it carries {@code available} only.
	 * @param triggeredAt the delivery's {@code X-Shopify-Triggered-At}, which orders two changes within one second
	 */
	public static InventoryLevelSnapshot levelFromWebhook(JsonNode body, Instant triggeredAt) {
		return new InventoryLevelSnapshot(number(body.path("inventory_item_id"), "inventory_item_id"),
				number(body.path("location_id"), "location_id"), (int) number(body.path(AVAILABLE), AVAILABLE), null, null,
				time(body.path("updated_at")), triggeredAt);
	}

	/**
	 * A product from GraphQL with its {@code ProductVariant} nodes (each selecting {@code inventoryItem { id }}); the
	 * variants may come from a nested connection or, in a bulk export, from separate lines.
	 */
	public static ProductSnapshot productFromGraphql(JsonNode product, List<JsonNode> variants) {
		long productId = id(product.path("id"));
		return new ProductSnapshot(productId, product.path("title").asString(), status(product.path("status")),
				time(product.path("updatedAt")), variants.stream().map((variant) -> variant(productId, variant)).toList());
	}

	/**
	 * Products from {@code ProductVariant} nodes that each select their {@code product} inline, as the lines of a
	 * {@code productsBulk.graphql} export or a page of {@code catalogPage.graphql}: grouped by product, in the order
	 * first seen. Inventory level lines ({@code __parentId}) are not variants and must be left out.
	 */
	public static List<ProductSnapshot> productsFromVariants(List<JsonNode> variants) {
		Map<String, List<JsonNode>> byProduct = new LinkedHashMap<>();
		Map<String, JsonNode> products = new LinkedHashMap<>();
		for (JsonNode variant : variants) {
			String productId = variant.path("product").path("id").asString();
			products.putIfAbsent(productId, variant.path("product"));
			byProduct.computeIfAbsent(productId, (key) -> new ArrayList<>()).add(variant);
		}
		return byProduct.entrySet()
			.stream()
			.map((entry) -> productFromGraphql(products.get(entry.getKey()), entry.getValue()))
			.toList();
	}

	/**
	 * One {@code InventoryLevel} node selecting {@code updatedAt}, {@code item { id }}, {@code location { id }} and
	 * {@code quantities(names: ["available", "on_hand", "committed"]) { name quantity }}: a bulk export's level line.
	 */
	public static InventoryLevelSnapshot levelFromGraphql(JsonNode level) {
		Map<String, Integer> quantities = new LinkedHashMap<>();
		for (JsonNode quantity : level.path("quantities")) {
			quantities.put(quantity.path("name").asString(), quantity.path("quantity").asInt());
		}
		return new InventoryLevelSnapshot(id(level.path("item").path("id")), id(level.path("location").path("id")),
				quantities.getOrDefault(AVAILABLE, 0), quantities.get("on_hand"), quantities.get("committed"),
				time(level.path("updatedAt")), null);
	}

	/**
	 * The inventory items of {@code ProductVariant} nodes that select {@code inventoryItem { id tracked updatedAt }},
	 * as the lines of a {@code productsBulk.graphql} export or a page of {@code catalogPage.graphql}.
	 */
	public static List<InventoryItemSnapshot> inventoryItemsFromVariants(List<JsonNode> variants) {
		List<InventoryItemSnapshot> items = new ArrayList<>();
		for (JsonNode variant : variants) {
			JsonNode item = variant.path("inventoryItem");
			if (item.path("id").isString()) {
				items.add(new InventoryItemSnapshot(id(item.path("id")), item.path("tracked").asBoolean(),
						time(item.path("updatedAt"))));
			}
		}
		return items;
	}

	/** A {@code Location} node selecting {@code id name isActive}. */
	public static LocationSnapshot locationFromGraphql(JsonNode location) {
		return new LocationSnapshot(id(location.path("id")), location.path("name").asString(),
				location.path("isActive").asBoolean(true));
	}

	private static long id(JsonNode gid) {
		if (!gid.isString()) {
			throw new IllegalArgumentException("Expected a global id but found " + gid);
		}
		return GlobalIds.numeric(gid.asString());
	}

	private static VariantSnapshot variant(long productId, JsonNode variant) {
		JsonNode item = variant.path("inventoryItem");
		return new VariantSnapshot(id(variant.path("id")), productId, variant.path("title").asString(),
				text(variant.path("sku")), decimal(variant.path("price")),
				item.path("id").isString() ? id(item.path("id")) : null, time(variant.path("updatedAt")));
	}

	private static String status(JsonNode status) {
		return text(status) != null ? status.asString().toUpperCase(Locale.ROOT) : null;
	}

	private static Instant time(JsonNode time) {
		if (text(time) == null) {
			throw new IllegalArgumentException("Expected a time but found " + time);
		}
		return Rfc3339.instant(time.asString());
	}

	private static BigDecimal decimal(JsonNode amount) {
		if (amount.isNumber()) {
			return amount.decimalValue();
		}
		return (text(amount) != null) ? new BigDecimal(amount.asString()) : null;
	}

	/** A required whole number: a payload without it cannot be applied (and is parked, not retried). */
	private static long number(JsonNode number, String field) {
		if (!number.isIntegralNumber()) {
			throw new IllegalArgumentException("Expected " + field + " to be a whole number but found " + number);
		}
		return number.asLong();
	}

	private static Long optionalLong(JsonNode number) {
		return number.isNumber() ? number.asLong() : null;
	}

	private static String text(JsonNode node) {
		return (node.isMissingNode() || node.isNull()) ? null : node.asString();
	}

}
