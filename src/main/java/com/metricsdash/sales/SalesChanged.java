package com.metricsdash.sales;

import java.util.Set;
import java.util.UUID;

/**
 * A store's orders or refunds changed. Published inside the transaction that changed them; listeners that act on
 * the new figures (the live push) use {@code @TransactionalEventListener} to see them only once committed.
 *
 * @param variantIds the variants whose units sold the change moved: those of the changed orders' line items, before
 * and after; none for a refund, which changes revenue figures but not the units an order counts
 */
public record SalesChanged(UUID storeId, Set<Long> variantIds) {

	public SalesChanged {
		variantIds = Set.copyOf(variantIds);
	}

}
