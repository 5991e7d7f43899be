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
 */
@ConfigurationProperties("metricsdash.sync")
record SyncProperties(@DefaultValue("1s") Duration exportPollInterval, @DefaultValue("2s") Duration dispatchInterval,
		@DefaultValue("2") int concurrentSyncs) {
}
