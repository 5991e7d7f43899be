package com.metricsdash.dashboard;

import java.util.UUID;

/**
 * A store's sessions changed, posted through the traffic API or imported from Shopify, and with them its conversion.
 * Published inside the transaction that changed them, when there is one; the live push acts on it once committed.
 */
record TrafficChanged(UUID storeId) {

}
