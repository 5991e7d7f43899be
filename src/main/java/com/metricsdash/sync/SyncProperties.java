package com.metricsdash.sync;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How syncing paces itself.
 *
 * @param exportPollInterval how often a running bulk operation is checked (the finish webhook cuts the wait short)
 * @param dispatchInterval how often stores awaiting their sync are looked for (after a restart, say)
 * @param concurrentSyncs how many stores sync at once on one instance
 * @param concurrentReconciliations how many stores a reconciliation pass verifies at once: each mostly waits for its
 * own store's API budget (Shopify's bucket is per app and store), 17 to 32 s for a demo-sized store on the Standard
 * plan, so one after the other a 15-minute pass would reach only 30 to 50 stores
 */
@ConfigurationProperties("metricsdash.sync")
record SyncProperties(@DefaultValue("1s") Duration exportPollInterval, @DefaultValue("2s") Duration dispatchInterval,
		@DefaultValue("2") int concurrentSyncs, @DefaultValue("32") int concurrentReconciliations) {
}
