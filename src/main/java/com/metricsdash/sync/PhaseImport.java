package com.metricsdash.sync;

import java.util.List;

import com.metricsdash.shop.StoreRef;
import com.metricsdash.shopify.BulkRecord;

/** One phase of the initial sync: the bulk query that exports it, and how its records are applied. */
interface PhaseImport {

	SyncPhase phase();

	/** Reads what the export needs first (small, paginated); nothing by default. */
	default void prepare(StoreRef store) {
	}

	/** The query for {@code bulkOperationRunQuery}. */
	String bulkQuery(StoreRef store);

	/** Applies a batch of exported records idempotently; returns how many top-level objects it applied. */
	int apply(StoreRef store, List<BulkRecord> batch);

}
