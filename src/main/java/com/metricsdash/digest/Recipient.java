package com.metricsdash.digest;

import java.time.Instant;
import java.util.UUID;

/**
 * An address a store's digest goes to once it is confirmed. Public accessors, for the settings template.
 */
record Recipient(UUID id, UUID storeId, String email, Instant addedAt, Instant confirmedAt, Instant unsubscribedAt) {

	/** Whether digests go to it: confirmed, and not unsubscribed since. */
	boolean receives() {
		return this.confirmedAt != null && this.unsubscribedAt == null;
	}

	/** As the settings page shows it. */
	public String status() {
		if (this.unsubscribedAt != null) {
			return "Unsubscribed";
		}
		return (this.confirmedAt != null) ? "Confirmed" : "Waiting for confirmation";
	}

}
