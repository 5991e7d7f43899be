package com.metricsdash.sales;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

import com.metricsdash.shopify.GlobalIds;
import com.metricsdash.shopify.Rfc3339;

/**
 * Reads orders and refunds from the two shapes Shopify gives them in: REST-shaped webhook bodies (numeric ids, snake
 * case, times with the shop's offset) and Admin GraphQL answers (global ids, camel case, UTC times), into the one
 * snapshot shape the ledger keeps. Only the fields the product needs are read, so customer data never gets further.
 * A payload without what every order has (an id, its times, its total) is refused with an
 * {@link IllegalArgumentException}, which parks the delivery at once with the reason: the same bytes never read better.
 */
public final class OrderPayloads {

	private OrderPayloads() {
	}

	/** An order from an {@code orders/*} webhook body; the total is {@code total_price_set.shop_money.amount}. */
	public static OrderSnapshot fromWebhook(JsonNode order) {
		long id = requiredLong(order, "id");
		List<LineItemSnapshot> lineItems = new ArrayList<>();
		for (JsonNode line : order.path("line_items")) {
			lineItems.add(new LineItemSnapshot(requiredLong(line, "id"), optionalLong(line.path("product_id")),
					optionalLong(line.path("variant_id")), text(line.path("sku")), line.path("quantity").asInt(),
					optionalInt(line.path("current_quantity")), money(line.path("price"), "line item price")));
		}
		Instant createdAt = requiredTime(order, "created_at");
		return new OrderSnapshot(id, text(order.path("name")), processedAt(order.path("processed_at"), createdAt),
				createdAt, requiredTime(order, "updated_at"), time(order.path("cancelled_at")),
				order.path("test").asBoolean(false), text(order.path("currency")),
				money(amount(order.path("total_price_set"), "shop_money"), "total_price_set of order " + id),
				optionalMoney(amount(order.path("current_total_price_set"), "shop_money")),
				enumName(text(order.path("financial_status"))), lineItems);
	}

	/** A refund from a {@code refunds/create} webhook body: the sum of its successful refund transactions. */
	public static RefundSnapshot refundFromWebhook(JsonNode refund) {
		BigDecimal amount = BigDecimal.ZERO;
		for (JsonNode transaction : refund.path("transactions")) {
			if ("refund".equals(text(transaction.path("kind"))) && "success".equals(text(transaction.path("status")))) {
				amount = amount.add(money(transaction.path("amount"), "refund transaction amount"));
			}
		}
		Instant processedAt = time(refund.path("processed_at"));
		return new RefundSnapshot(requiredLong(refund, "id"), requiredLong(refund, "order_id"), amount,
				(processedAt != null) ? processedAt : requiredTime(refund, "created_at"));
	}

	/**
	 * An order from the Admin GraphQL API, as {@code ordersPage.graphql} and {@code ordersBulk.graphql} select it.
	 * @param order the order node ({@code id} a global id such as {@code gid://shopify/Order/123})
	 * @param lineItems its line item nodes, given apart because a bulk operation's JSONL file carries them as lines of
	 * their own (with {@code __parentId}), and a page as a nested connection
	 */
	public static OrderSnapshot fromGraphql(JsonNode order, List<JsonNode> lineItems) {
		long id = gid(order.path("id"));
		List<LineItemSnapshot> lines = new ArrayList<>(lineItems.size());
		for (JsonNode line : lineItems) {
			lines.add(new LineItemSnapshot(gid(line.path("id")), optionalGid(line.path("product").path("id")),
					optionalGid(line.path("variant").path("id")), text(line.path("sku")), line.path("quantity").asInt(),
					optionalInt(line.path("currentQuantity")),
					money(amount(line.path("originalUnitPriceSet"), "shopMoney"), "line item originalUnitPriceSet")));
		}
		Instant createdAt = requiredTime(order, "createdAt");
		return new OrderSnapshot(id, text(order.path("name")), processedAt(order.path("processedAt"), createdAt),
				createdAt, requiredTime(order, "updatedAt"), time(order.path("cancelledAt")),
				order.path("test").asBoolean(false), text(order.path("currencyCode")),
				money(amount(order.path("totalPriceSet"), "shopMoney"), "totalPriceSet of order " + id),
				optionalMoney(amount(order.path("currentTotalPriceSet"), "shopMoney")),
				enumName(text(order.path("displayFinancialStatus"))), lines);
	}

	/** The numeric id at the end of a global id, e.g. 123 of {@code gid://shopify/Order/123}. */
	static long gid(JsonNode node) {
		return GlobalIds.numeric(text(node));
	}

	private static Long optionalGid(JsonNode node) {
		return absent(node) ? null : gid(node);
	}

	/** Shopify sets {@code processed_at} on every order; an import that had none falls back to its creation. */
	private static Instant processedAt(JsonNode node, Instant createdAt) {
		Instant processedAt = time(node);
		return (processedAt != null) ? processedAt : createdAt;
	}

	/** The shop-currency amount of a REST money set ({@code shop_money}) or a GraphQL MoneyBag ({@code shopMoney}). */
	private static JsonNode amount(JsonNode moneySet, String shopMoney) {
		return moneySet.path(shopMoney).path("amount");
	}

	private static long requiredLong(JsonNode object, String field) {
		JsonNode node = object.path(field);
		if (absent(node)) {
			throw new IllegalArgumentException("No " + field + " in the payload");
		}
		return node.asLong();
	}

	private static Long optionalLong(JsonNode node) {
		return absent(node) ? null : node.asLong();
	}

	private static Integer optionalInt(JsonNode node) {
		return absent(node) ? null : node.asInt();
	}

	private static Instant requiredTime(JsonNode object, String field) {
		Instant time = time(object.path(field));
		if (time == null) {
			throw new IllegalArgumentException("No " + field + " in the payload");
		}
		return time;
	}

	private static Instant time(JsonNode node) {
		return absent(node) ? null : Rfc3339.instant(node.asString());
	}

	private static BigDecimal money(JsonNode node, String what) {
		BigDecimal amount = optionalMoney(node);
		if (amount == null) {
			throw new IllegalArgumentException("No " + what + " in the payload");
		}
		return amount;
	}

	private static BigDecimal optionalMoney(JsonNode node) {
		if (absent(node)) {
			return null;
		}
		return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asString());
	}

	/** {@code partially_refunded} (REST) and {@code PARTIALLY_REFUNDED} (GraphQL) alike as the enum name. */
	private static String enumName(String status) {
		return (status != null) ? status.toUpperCase(Locale.ROOT) : null;
	}

	private static String text(JsonNode node) {
		return absent(node) ? null : node.asString();
	}

	private static boolean absent(JsonNode node) {
		return node == null || node.isMissingNode() || node.isNull();
	}

}
