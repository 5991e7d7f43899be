package com.metricsdash.sync;

/** The parts of an initial sync, in the order they run. */
enum SyncPhase {

	PRODUCTS("Products and stock"), ORDERS("Orders of the last 60 days");

	private final String label;

	SyncPhase(String label) {
		this.label = label;
	}

	/** What the merchant reads while the phase runs. */
	public String label() {
		return this.label;
	}

}
