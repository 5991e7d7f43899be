package com.metricsdash.sync;

import java.util.UUID;

/**
 * A store's initial sync has completed: its catalogue, stock and orders are all in, so what reads them whole (the
 * alerts) can start at once instead of at its next scheduled pass.
 */
public record StoreSynced(UUID storeId) {
}
