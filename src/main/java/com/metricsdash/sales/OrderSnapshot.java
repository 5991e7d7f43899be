package com.metricsdash.sales;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as Shopify reported it at {@code updatedAt}, whichever way it came (webhook, sync, reconciliation), so the
 * ledger can keep the newest version of each order whatever order the versions arrive in. Money is in the shop's
 * currency: {@code totalPrice} is {@code total_price_set.shop_money.amount}. No customer data.
 *
 * @param financialStatus Shopify's financial status as its GraphQL enum name, e.g. {@code PAID}, {@code REFUNDED}
 */
public record OrderSnapshot(long id, String name, Instant processedAt, Instant createdAt, Instant updatedAt,
		Instant cancelledAt, boolean test, String currency, BigDecimal totalPrice, BigDecimal currentTotalPrice,
		String financialStatus, List<LineItemSnapshot> lineItems) {

	public OrderSnapshot {
		lineItems = List.copyOf(lineItems);
	}

	/** Whether the order counts in the sales figures: neither a test order nor cancelled. */
	boolean counts() {
		return !this.test && this.cancelledAt == null;
	}

	OrderVersion version() {
		return new OrderVersion(this.updatedAt, this.cancelledAt != null, this.currentTotalPrice);
	}

}
