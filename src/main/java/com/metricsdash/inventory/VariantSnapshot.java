package com.metricsdash.inventory;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A product variant as Shopify reported it, with its inventory item (Shopify's 1:1) and whether Shopify tracks that
 * item's stock.
 */
public record VariantSnapshot(long id, long productId, String title, String sku, BigDecimal price, Long inventoryItemId,
		boolean tracked, Instant updatedAt) {
}
