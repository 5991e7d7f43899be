package com.metricsdash.inventory;

import java.time.Instant;

/**
 * The stock of one inventory item at one location as Shopify reported it at {@code updatedAt}. Webhooks carry only
 * {@code available}, so {@code onHand} and {@code committed} are null when they come from one.
 */
public record InventoryLevelSnapshot(long inventoryItemId, long locationId, int available, Integer onHand,
		Integer committed, Instant updatedAt) {
}
