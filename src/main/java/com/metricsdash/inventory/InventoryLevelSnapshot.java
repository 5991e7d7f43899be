package com.metricsdash.inventory;

import java.time.Instant;

/**
 * The stock of one inventory item at one location as Shopify reported it at {@code updatedAt}. Webhooks carry only
 * {@code available}, so {@code onHand} and {@code committed} are null when they come from one.
 *
 * @param triggeredAt when Shopify triggered the webhook it came from ({@code X-Shopify-Triggered-At}, finer than the
 * second of {@code updatedAt}), or {@code null} when it was read from the Admin API
 */
public record InventoryLevelSnapshot(long inventoryItemId, long locationId, int available, Integer onHand,
		Integer committed, Instant updatedAt, Instant triggeredAt) {
}
