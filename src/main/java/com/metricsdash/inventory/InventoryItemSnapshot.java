package com.metricsdash.inventory;

import java.time.Instant;

/**
 * A variant's inventory item as Shopify reported it: whether Shopify tracks its stock. Only the inventory item says
 * so ({@code InventoryItem.tracked} in GraphQL, {@code tracked} in the {@code inventory_items/*} webhooks); product
 * webhooks no longer carry it.
 */
public record InventoryItemSnapshot(long id, boolean tracked, Instant updatedAt) {
}
