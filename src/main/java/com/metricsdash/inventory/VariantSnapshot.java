package com.metricsdash.inventory;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A product variant as Shopify reported it, with the id of its inventory item (Shopify's 1:1); whether that item's
 * stock is tracked comes apart, as an {@link InventoryItemSnapshot}.
 */
public record VariantSnapshot(long id, long productId, String title, String sku, BigDecimal price, Long inventoryItemId,
		Instant updatedAt) {
}
