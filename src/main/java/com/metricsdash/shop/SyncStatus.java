package com.metricsdash.shop;

import java.util.Locale;

/** Where a store's initial sync stands; the API shows it in lower case. */
public enum SyncStatus {

	PENDING, SYNCING, COMPLETE, ERROR;

	public String json() {
		return name().toLowerCase(Locale.ROOT);
	}

}
