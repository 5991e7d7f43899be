package com.metricsdash.inventory;

import java.math.BigDecimal;

/**
 * A tracked variant on sale, its stock and how it sold over two windows of the shop's local days ending with
 * yesterday: a recent one and a longer one for when the recent one says too little. Units are net of refunded units,
 * from orders that count (neither cancelled nor test). A day counts as selling when the variant had stock at some
 * moment of it, or sold on it: an oversold variant keeps selling below zero, and those days are demand, not a stockout.
 *
 * @param available summed over every location as Shopify reports it, negative when oversold
 * @param price the variant's price in the shop's currency, {@code null} when unknown
 */
public record VariantSales(long variantId, long productId, String productTitle, String variantTitle, String sku,
		long inventoryItemId, BigDecimal price, int available, long recentUnits, int recentDays, long longUnits,
		int longDays) {
}
