package com.metricsdash.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;

/** The simulator's records of a shop's data; immutable, replaced whole when they change. */
final class SimModel {

	private SimModel() {
	}

	record Location(long id, String name) {
	}

	record Product(long id, String title, String status, String vendor, String productType, Instant createdAt,
			Instant updatedAt) {
	}

	record Variant(long id, long productId, String title, String sku, BigDecimal price, long inventoryItemId,
			boolean tracked, Instant createdAt, Instant updatedAt) {
	}

	record InventoryLevel(long inventoryItemId, long locationId, int available, int onHand, int committed,
			Instant updatedAt) {
	}

	record LineItem(long id, long productId, long variantId, String sku, String title, int quantity,
			int currentQuantity, BigDecimal price) {
	}

	record Refund(long id, Instant createdAt, BigDecimal amount) {
	}

	/** An order; {@code totalPrice} is total_price_set.shop_money.amount, in the shop's currency. */
	record Order(long id, String name, Instant createdAt, Instant processedAt, Instant updatedAt, Instant cancelledAt,
			boolean test, String currency, BigDecimal totalPrice, BigDecimal currentTotalPrice, String financialStatus,
			List<LineItem> lineItems, List<Refund> refunds) {

		/** Whether the order counts in sales figures: neither a test nor cancelled. */
		boolean counts() {
			return !this.test && this.cancelledAt == null;
		}

	}

	/**
	 * A webhook subscription; {@code topic} is the GraphQL enum name, e.g. ORDERS_CREATE, and {@code uri} where its
	 * deliveries go (state files written before 2026-10 call it {@code callbackUrl}).
	 */
	record WebhookSubscription(long id, String topic, @JsonAlias("callbackUrl") String uri, Instant createdAt,
			Instant updatedAt) {
	}

}
