package com.metricsdash.sales;

import java.util.UUID;

/**
 * A store's orders or refunds changed. Published inside the transaction that changed them; listeners that act on
 * the new figures (the live push) use {@code @TransactionalEventListener} to see them only once committed.
 */
public record SalesChanged(UUID storeId) {
}
