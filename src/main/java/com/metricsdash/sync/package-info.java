/**
 * Getting a store's data in: the initial sync right after install (bulk operations, streamed, resumable, with live
 * progress) and the scheduled reconciliation that repairs whatever webhooks missed.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sync")
package com.metricsdash.sync;
