package com.metricsdash.sales;

import java.math.BigDecimal;

/**
 * One line of an {@link OrderSnapshot}. Product and variant are absent for custom items or deleted products;
 * {@code currentQuantity} is what is left after removals and refunds, when Shopify says.
 *
 * @param price the unit price before discounts, in the shop's currency
 */
public record LineItemSnapshot(long id, Long productId, Long variantId, String sku, int quantity,
		Integer currentQuantity, BigDecimal price) {
}
