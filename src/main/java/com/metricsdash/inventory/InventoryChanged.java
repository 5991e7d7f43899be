package com.metricsdash.inventory;

import java.util.Set;
import java.util.UUID;

/**
 * Published inside the transaction that changed stock or the variants it belongs to, so that listeners after commit
 * ({@code @TransactionalEventListener}: alerts, the live dashboard) see the change and only a committed one.
 */
public record InventoryChanged(UUID storeId, Set<Long> inventoryItemIds) {

	public InventoryChanged {
		inventoryItemIds = Set.copyOf(inventoryItemIds);
	}

}
