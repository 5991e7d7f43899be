package com.metricsdash.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.metricsdash.sales.OrderLedger;
import com.metricsdash.sales.OrderPayloads;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shopify.AdminDocument;
import com.metricsdash.shopify.BulkRecord;

import org.springframework.stereotype.Component;

/** The orders phase: every order of the last 60 days (all Shopify shows without read_all_orders), with line items. */
@Component
class OrdersImport implements PhaseImport {

	static final Duration HISTORY = Duration.ofDays(60);

	private static final String SINCE_PLACEHOLDER = "2000-01-01T00:00:00Z";

	private final AdminDocument bulk = AdminDocument.load("ordersBulk");

	private final OrderLedger ledger;

	private final Clock clock;

	OrdersImport(OrderLedger ledger, Clock clock) {
		this.ledger = ledger;
		this.clock = clock;
	}

	@Override
	public SyncPhase phase() {
		return SyncPhase.ORDERS;
	}

	@Override
	public String bulkQuery(StoreRef store) {
		return this.bulk.text()
			.replace(SINCE_PLACEHOLDER, this.clock.instant().minus(HISTORY).truncatedTo(ChronoUnit.SECONDS).toString());
	}

	@Override
	public int apply(StoreRef store, List<BulkRecord> batch) {
		this.ledger.applyAll(store, batch.stream()
			.map((record) -> OrderPayloads.fromGraphql(record.root(), record.childrenOf(record.root().path("id").asString())))
			.toList());
		return batch.size();
	}

}
