package com.metricsdash.inventory;

import java.math.BigDecimal;

/**
 * A tracked variant on sale, its stock and how it sold over a window of the shop's local days ending with yesterday:
 * the recent one, or a longer one when the variant was in stock too few of the recent days for them to say anything
 * (see {@link StockLevels#sales}). Units are net of refunded units, from orders that count (neither cancelled nor
 * test). A day counts as selling when the variant had stock at some moment of it, or sold on it: an oversold variant
 * keeps selling below zero, and those days are demand, not a stockout.
 *
 * @param available summed over every location as Shopify reports it, negative when oversold
 * @param price the variant's price in the shop's currency, {@code null} when unknown
 * @param windowDays the local days the figures cover
 * @param units the units sold over them
 * @param inStockDays how many of them the variant was in stock or sold
 */
public record VariantSales(long variantId, long productId, String productTitle, String variantTitle, String sku,
		long inventoryItemId, BigDecimal price, int available, int windowDays, long units, int inStockDays) {

	/** These figures over their window and the one just before it, whose days are counted apart. */
	VariantSales after(VariantSales before) {
		return new VariantSales(this.variantId, this.productId, this.productTitle, this.variantTitle, this.sku,
				this.inventoryItemId, this.price, this.available, before.windowDays + this.windowDays,
				before.units + this.units, before.inStockDays + this.inStockDays);
	}

}
