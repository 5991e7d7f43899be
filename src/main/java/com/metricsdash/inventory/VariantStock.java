package com.metricsdash.inventory;

/**
 * A variant on sale and its stock: {@code available} summed over every location.
 *
 * @param tracked whether Shopify tracks the variant's stock; an untracked variant never runs out
 */
public record VariantStock(long variantId, long productId, String productTitle, String variantTitle, String sku,
		Long inventoryItemId, boolean tracked, int available) {
}
