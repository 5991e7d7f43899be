/**
 * Getting a store's data in: the initial sync right after install (bulk operations, streamed, resumable, with live
 * progress), the scheduled reconciliation that repairs whatever webhooks missed, and the import of storefront sessions
 * from Shopify's analytics for stores that granted {@code read_reports}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sync")
package com.metricsdash.sync;
