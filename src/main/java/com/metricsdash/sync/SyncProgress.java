package com.metricsdash.sync;

import java.time.Duration;
import java.util.UUID;

/**
 * Where a store's initial sync stands, as the merchant sees it.
 *
 * @param phaseNumber the running phase, from 1
 * @param exporting whether Shopify is still preparing the phase's export ({@code done} then counts what it has)
 * @param total the objects to import, once known
 * @param timeLeft the estimate from the import rate so far, once there is one
 * @param error the sentence to show when the sync failed
 */
record SyncProgress(UUID storeId, String state, SyncPhase phase, int phaseNumber, int phases, boolean exporting,
		long done, Long total, Duration timeLeft, String error) {

	/** Percent of the whole sync, counting finished phases whole. */
	public int percent() {
		if ("COMPLETE".equals(this.state)) {
			return 100;
		}
		double phaseShare = (this.total == null || this.total == 0 || this.exporting) ? 0
				: Math.min(1.0, (double) this.done / this.total);
		return (int) Math.floor(100.0 * (this.phaseNumber - 1 + phaseShare) / this.phases);
	}

}
