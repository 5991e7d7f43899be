package com.metricsdash.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.metricsdash.simulator.SimModel.InventoryLevel;
import com.metricsdash.simulator.SimModel.LineItem;
import com.metricsdash.simulator.SimModel.Order;
import com.metricsdash.simulator.SimModel.Product;
import com.metricsdash.simulator.SimModel.Refund;
import com.metricsdash.simulator.SimModel.Variant;

/**
 * The REST-shaped JSON bodies of webhooks, as Shopify sends them: ids as JSON numbers, money as decimal strings, times
 * ISO-8601 with the shop's offset (e.g. {@code 2026-11-25T09:15:00-05:00}). Variants in product webhooks carry no
 * {@code inventory_management}, {@code fulfillment_service}, {@code grams}, {@code weight} or
 * {@code requires_shipping}, which Shopify removed in 2024-07.
 * <p>
 * Order payloads carry a {@code customer} with a made-up name and email <em>on purpose</em>: real ones do, and the app
 * must strip personal data at its edge; the simulator's own records hold none.
 */
final class SimPayloads {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

	private static final List<String> FIRST_NAMES = List.of("Ada", "Bo", "Chen", "Dara", "Eli", "Fatima", "Gus",
			"Hana", "Ivan", "Jo");

	private static final List<String> LAST_NAMES = List.of("Nguyen", "Smith", "Okafor", "Garcia", "Kowalski",
			"Tanaka", "Dubois", "Silva");

	private SimPayloads() {
	}

	static Map<String, Object> order(SimShop shop, Order order) {
		ZoneId zone = shop.timezone();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", order.id());
		body.put("admin_graphql_api_id", gid("Order", order.id()));
		body.put("name", order.name());
		body.put("created_at", time(order.createdAt(), zone));
		body.put("processed_at", time(order.processedAt(), zone));
		body.put("updated_at", time(order.updatedAt(), zone));
		body.put("cancelled_at", time(order.cancelledAt(), zone));
		body.put("test", order.test());
		body.put("currency", order.currency());
		body.put("total_price", money(order.totalPrice()));
		body.put("current_total_price", money(order.currentTotalPrice()));
		body.put("total_price_set", moneySet(order.totalPrice(), order.currency()));
		body.put("current_total_price_set", moneySet(order.currentTotalPrice(), order.currency()));
		body.put("financial_status", order.financialStatus());
		body.put("line_items", order.lineItems().stream().map(SimPayloads::lineItem).toList());
		body.put("refunds", order.refunds().stream().map((refund) -> refund(shop, order, refund)).toList());
		body.put("customer", customer(order.id()));
		return body;
	}

	static Map<String, Object> refund(SimShop shop, Order order, Refund refund) {
		Map<String, Object> transaction = new LinkedHashMap<>();
		transaction.put("kind", "refund");
		transaction.put("status", "success");
		transaction.put("amount", money(refund.amount()));
		transaction.put("currency", order.currency());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", refund.id());
		body.put("admin_graphql_api_id", gid("Refund", refund.id()));
		body.put("order_id", order.id());
		body.put("created_at", time(refund.createdAt(), shop.timezone()));
		body.put("processed_at", time(refund.createdAt(), shop.timezone()));
		body.put("transactions", List.of(transaction));
		return body;
	}

	static Map<String, Object> product(SimShop shop, Product product, List<Variant> variants) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", product.id());
		body.put("admin_graphql_api_id", gid("Product", product.id()));
		body.put("title", product.title());
		body.put("vendor", product.vendor());
		body.put("product_type", product.productType());
		body.put("status", product.status().toLowerCase(Locale.ROOT));
		body.put("created_at", time(product.createdAt(), shop.timezone()));
		body.put("updated_at", time(product.updatedAt(), shop.timezone()));
		body.put("variants", variants.stream().map((variant) -> variant(shop, variant)).toList());
		return body;
	}

	/**
	 * What {@code inventory_items/create} and {@code inventory_items/update} carry: since 2024-07 the only webhook that
	 * says whether the variant's stock is {@code tracked} (product webhooks no longer carry
	 * {@code inventory_management}). The simulator keeps no customs data or cost, and every item ships.
	 */
	static Map<String, Object> inventoryItem(SimShop shop, Variant variant) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", variant.inventoryItemId());
		body.put("sku", variant.sku());
		body.put("created_at", time(variant.createdAt(), shop.timezone()));
		body.put("updated_at", time(variant.updatedAt(), shop.timezone()));
		body.put("requires_shipping", true);
		body.put("cost", null);
		body.put("country_code_of_origin", null);
		body.put("province_code_of_origin", null);
		body.put("harmonized_system_code", null);
		body.put("tracked", variant.tracked());
		body.put("country_harmonized_system_codes", List.of());
		body.put("admin_graphql_api_id", gid("InventoryItem", variant.inventoryItemId()));
		return body;
	}

	/** What {@code products/delete} carries: the id alone. */
	static Map<String, Object> deletedProduct(long productId) {
		return Map.of("id", productId);
	}

	static Map<String, Object> inventoryLevel(SimShop shop, InventoryLevel level) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("inventory_item_id", level.inventoryItemId());
		body.put("location_id", level.locationId());
		body.put("available", level.available());
		body.put("updated_at", time(level.updatedAt(), shop.timezone()));
		body.put("admin_graphql_api_id",
				"gid://shopify/InventoryLevel/" + level.locationId() + "?inventory_item_id=" + level.inventoryItemId());
		return body;
	}

	/** What {@code app/uninstalled} carries: the shop. */
	static Map<String, Object> shop(SimShop shop) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", shop.name());
		body.put("domain", shop.domain());
		body.put("myshopify_domain", shop.domain());
		body.put("iana_timezone", shop.timezone().getId());
		body.put("currency", shop.currency());
		return body;
	}

	/** A time as Shopify writes it in webhooks: local to the shop, with its offset, to the second. */
	private static String time(Instant instant, ZoneId zone) {
		return (instant != null) ? TIME.format(instant.atZone(zone)) : null;
	}

	private static Map<String, Object> variant(SimShop shop, Variant variant) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", variant.id());
		body.put("admin_graphql_api_id", gid("ProductVariant", variant.id()));
		body.put("product_id", variant.productId());
		body.put("title", variant.title());
		body.put("sku", variant.sku());
		body.put("price", money(variant.price()));
		body.put("inventory_item_id", variant.inventoryItemId());
		body.put("created_at", time(variant.createdAt(), shop.timezone()));
		body.put("updated_at", time(variant.updatedAt(), shop.timezone()));
		return body;
	}

	private static Map<String, Object> lineItem(LineItem line) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", line.id());
		body.put("admin_graphql_api_id", gid("LineItem", line.id()));
		body.put("variant_id", line.variantId());
		body.put("product_id", line.productId());
		body.put("sku", line.sku());
		body.put("title", line.title());
		body.put("quantity", line.quantity());
		body.put("current_quantity", line.currentQuantity());
		body.put("price", money(line.price()));
		return body;
	}

	private static Map<String, Object> customer(long orderId) {
		String first = FIRST_NAMES.get((int) Math.floorMod(orderId, FIRST_NAMES.size()));
		String last = LAST_NAMES.get((int) Math.floorMod(orderId / FIRST_NAMES.size(), LAST_NAMES.size()));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("first_name", first);
		body.put("last_name", last);
		body.put("email", (first + "." + last + "@example.com").toLowerCase(Locale.ROOT));
		return body;
	}

	private static Map<String, Object> moneySet(BigDecimal amount, String currency) {
		Map<String, Object> money = Map.of("amount", money(amount), "currency_code", currency);
		return Map.of("shop_money", money, "presentment_money", money);
	}

	private static String money(BigDecimal amount) {
		return amount.toPlainString();
	}

	private static String gid(String type, long id) {
		return "gid://shopify/" + type + "/" + id;
	}

}
