package com.metricsdash.alerts;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.metricsdash.sales.LineItemSnapshot;
import com.metricsdash.sales.OrderLedger;
import com.metricsdash.sales.OrderSnapshot;
import com.metricsdash.sales.RefundSnapshot;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An order evaluates the variants it sold, not the store's whole catalogue: two variants below the low-stock
 * threshold, written without any event, and an order of one of them fires that one's alert alone; the other fires only
 * when the store is evaluated whole.
 */
@IntegrationTest
class AlertTriggersTests {

	private static final long SOLD = 7;

	private static final long UNSOLD = 8;

	private static final long WRITTEN_LATER = 9;

	@Autowired
	AlertTriggers triggers;

	@Autowired
	AlertRepository alerts;

	@Autowired
	OrderLedger ledger;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Stores stores;

	StoreRef store;

	@BeforeEach
	void twoVariantsLowOnStock() {
		AlertsDb db = new AlertsDb(this.jdbc, this.stores);
		this.store = db.newStore("UTC");
		Instant yesterday = Instant.now().minus(Duration.ofDays(1));
		for (long variant : new long[] { SOLD, UNSOLD }) {
			db.variant(this.store, variant, "10.00");
			db.level(this.store, variant, 1, 5, yesterday);
		}
		db.markSynced(this.store);
	}

	@Test
	void anOrderEvaluatesTheVariantsItSoldAndARefundNone() {
		this.ledger.applyRefund(this.store, new RefundSnapshot(900, 1, new BigDecimal("4.00"), Instant.now()));
		this.ledger.apply(this.store, order(1, SOLD));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(variantsAlerted()).as("alerted after the order").isNotEmpty());
		assertThat(variantsAlerted()).containsExactly(SOLD);

		this.triggers.settingsChanged(this.store);
		assertThat(variantsAlerted()).containsExactlyInAnyOrder(SOLD, UNSOLD);
	}

	/**
	 * The sweep evaluates a store whole once a shop day: the two variants low on stock are alerted by the day's first
	 * sweep, a third written as they were only by the sweep of the shop's next day, not by another sweep the same day.
	 */
	@Test
	void theSweepEvaluatesAStoreWholeOnceAShopDay() {
		Instant now = Instant.now();
		this.triggers.sweep(now);
		// the scheduled sweep may have taken the store first, and be committing
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(variantsAlerted()).containsExactlyInAnyOrder(SOLD, UNSOLD));
		AlertsDb db = new AlertsDb(this.jdbc, this.stores);
		db.variant(this.store, WRITTEN_LATER, "10.00");
		db.level(this.store, WRITTEN_LATER, 1, 5, now.minus(Duration.ofDays(1)));

		this.triggers.sweep(now);
		assertThat(variantsAlerted()).as("the same day").containsExactlyInAnyOrder(SOLD, UNSOLD);

		this.triggers.sweep(now.plus(Duration.ofDays(1)));
		assertThat(variantsAlerted()).as("the next day").containsExactlyInAnyOrder(SOLD, UNSOLD, WRITTEN_LATER);
	}

	private List<Long> variantsAlerted() {
		return this.alerts.list(this.store.id(), null, AlertType.LOW_STOCK).stream().map(Alert::variantId).toList();
	}

	private static OrderSnapshot order(long id, long variant) {
		Instant now = Instant.now();
		BigDecimal price = new BigDecimal("10.00");
		return new OrderSnapshot(id, "#" + id, now, now, now, null, false, "USD", price, price, "PAID",
				List.of(new LineItemSnapshot(100 + id, variant, variant, "SKU-" + variant, 1, 1, price)));
	}

}
