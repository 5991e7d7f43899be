package com.metricsdash.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** One alert per variant and type: it fires once, outlives stock bouncing around its line, and resolves past a margin. */
@IntegrationTest
class AlertLifecycleTests {

	@Autowired
	AlertEvaluation evaluation;

	@Autowired
	AlertRepository alerts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Stores stores;

	AlertsDb db;

	StoreRef store;

	Instant now = Instant.parse("2026-11-05T17:00:00Z");

	@BeforeEach
	void aVariantWithoutSales() {
		this.db = new AlertsDb(this.jdbc, this.stores);
		this.store = this.db.newStore("UTC");
		this.db.variant(this.store, 7, "10.00");
		stock(30);
	}

	@Test
	void flappingStockFiresOneAlertAndRestockingResolvesIt() {
		assertThat(stock(9).fired()).singleElement().satisfies((alert) -> {
			assertThat(alert.alertType()).isEqualTo("low_stock");
			assertThat(alert.currentLevel()).isEqualTo(9);
			assertThat(alert.threshold()).isEqualByComparingTo("10");
			assertThat(alert.status()).isEqualTo("active");
		});
		for (int level : new int[] { 10, 8, 11, 9, 10, 3 }) {
			AlertEvaluation.Changes changes = stock(level);
			assertThat(changes.fired()).as("level %d", level).isEmpty();
			assertThat(changes.resolved()).as("level %d", level).isEmpty();
		}
		assertThat(this.alerts.list(this.store.id(), null, null)).singleElement()
			.satisfies((alert) -> assertThat(alert.currentLevel()).isEqualTo(3));

		// the margin is 2 units over a threshold of 10
		assertThat(stock(11).resolved()).isEmpty();
		assertThat(stock(12).resolved()).singleElement()
			.satisfies((alert) -> assertThat(alert.status()).isEqualTo("resolved"));
		assertThat(this.alerts.list(this.store.id(), null, null)).isEmpty();

		assertThat(stock(9).fired()).as("a new dip after the margin fires again").hasSize(1);
		assertThat(this.alerts.list(this.store.id(), AlertStatus.RESOLVED, null)).hasSize(1);
	}

	@Test
	void anAcknowledgedAlertStaysAcknowledgedUntilItResolvesAndOnlyInItsStore() {
		Alert alert = stock(4).fired().get(0);
		StoreRef other = this.db.newStore("UTC");

		assertThat(this.alerts.acknowledge(other.id(), alert.id(), this.now)).isFalse();
		assertThat(this.alerts.acknowledge(this.store.id(), alert.id(), this.now)).isTrue();
		stock(2);

		assertThat(this.alerts.list(this.store.id(), AlertStatus.ACKNOWLEDGED, null)).singleElement()
			.satisfies((acknowledged) -> assertThat(acknowledged.currentLevel()).isEqualTo(2));
		assertThat(this.alerts.list(this.store.id(), AlertStatus.ACTIVE, null)).isEmpty();
		assertThat(stock(40).resolved()).extracting(Alert::id).containsExactly(alert.id());
	}

	@Test
	void excludingAVariantResolvesItsOpenAlerts() {
		Alert alert = stock(4).fired().get(0);
		new AlertSettingsRepository(this.jdbc).save(this.store.id(),
				new AlertSettingsRepository.VariantSetting(7, null, null, null, null, true));

		assertThat(evaluate().resolved()).extracting(Alert::id).containsExactly(alert.id());
	}

	private AlertEvaluation.Changes stock(int available) {
		this.now = this.now.plus(Duration.ofMinutes(1));
		this.db.level(this.store, 7, 1, available, this.now);
		return this.evaluation.evaluate(this.store, List.of(7L), this.now);
	}

	private AlertEvaluation.Changes evaluate() {
		return this.evaluation.evaluate(this.store, null, this.now);
	}

}
