package com.metricsdash.alerts;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Velocity, days of cover, reorder point and lost revenue against figures worked out by hand, for a New York shop on
 * 2026-11-05 at noon: the last 7 local days are October 29 to November 4, and November 1 (clocks back an hour) has 25
 * hours. Defaults apply: lead time 7 days, safety stock 3 days, horizon 14 days, threshold 10.
 */
@IntegrationTest
class AlertFiguresTests {

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	static final Instant NOW = at("2026-11-05T12:00");

	static final Instant LONG_AGO = at("2026-10-01T09:00");

	@Autowired
	AlertEvaluation evaluation;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Stores stores;

	AlertsDb db;

	StoreRef store;

	@BeforeEach
	void store() {
		this.db = new AlertsDb(this.jdbc, this.stores);
		this.store = this.db.newStore(NEW_YORK.getId());
	}

	@Test
	void theWindowIsSevenLocalDaysWhateverTheClocksDid() {
		this.db.variant(this.store, 1, "20.00");
		this.db.level(this.store, 1, 1, 50, LONG_AGO);
		// 00:30 on October 29 in New York: inside the local window, though not within 7 × 24 h of its end
		this.db.order(this.store, 1, at("2026-10-29T00:30"), 1, 7, null, false, false);
		// 23:30 the day before: outside it, though counted by the 28-day window
		this.db.order(this.store, 2, at("2026-10-28T23:30"), 1, 100, null, false, false);
		// the repeated hour of November 1, and the last minute of November 4
		this.db.order(this.store, 3, Instant.parse("2026-11-01T05:30:00Z"), 1, 2, null, false, false);
		this.db.order(this.store, 4, at("2026-11-04T23:59"), 1, 5, null, false, false);
		// today's sales wait for tomorrow
		this.db.order(this.store, 5, at("2026-11-05T08:00"), 1, 9, null, false, false);

		Assessment variant = assess(1);

		assertThat(variant.fallback()).isFalse();
		assertThat(variant.windowDays()).isEqualTo(7);
		assertThat(variant.unitsSold()).isEqualTo(14);
		assertThat(variant.inStockDays()).isEqualTo(7);
		assertThat(variant.velocity()).isEqualByComparingTo("2");
		assertThat(variant.daysOfCover()).isEqualByComparingTo("25");
		assertThat(variant.reorderPoint()).isEqualByComparingTo("20");
		assertThat(variant.lostRevenuePerDay()).isNull();
	}

	@Test
	void daysOutOfStockAreLeftOutAndStockIsSummedOverLocations() {
		this.db.variant(this.store, 1, "10.00");
		this.db.level(this.store, 1, 1, 6, LONG_AGO);
		this.db.level(this.store, 1, 2, 0, LONG_AGO);
		this.db.order(this.store, 1, at("2026-10-29T10:00"), 1, 2, null, false, false);
		this.db.order(this.store, 2, at("2026-10-30T10:00"), 1, 2, null, false, false);
		this.db.order(this.store, 3, at("2026-10-31T19:00"), 1, 2, null, false, false);
		this.db.level(this.store, 1, 1, 0, at("2026-10-31T20:00"));
		// out of stock November 1 to 3, restocked at the second location on November 4
		this.db.level(this.store, 1, 2, 20, at("2026-11-04T10:00"));

		Assessment variant = assess(1);

		assertThat(variant.available()).isEqualTo(20);
		assertThat(variant.inStockDays()).isEqualTo(4);
		assertThat(variant.velocity()).isEqualByComparingTo("1.5");
		assertThat(variant.daysOfCover()).isEqualByComparingTo("13.3");
		assertThat(variant.reorderPoint()).isEqualByComparingTo("15");
		assertThat(variant.holds(AlertType.PREDICTED_STOCKOUT)).isTrue();
		assertThat(variant.holds(AlertType.REORDER_POINT)).isFalse();
		assertThat(variant.holds(AlertType.LOW_STOCK)).isFalse();
	}

	@Test
	void anOversoldVariantKeepsItsNegativeStockAndItsSellingDays() {
		this.db.variant(this.store, 1, "12.00");
		this.db.level(this.store, 1, 1, 4, LONG_AGO);
		this.db.order(this.store, 1, at("2026-11-02T09:00"), 1, 5, null, false, false);
		this.db.level(this.store, 1, 1, -1, at("2026-11-02T09:00"));
		this.db.order(this.store, 2, at("2026-11-03T12:00"), 1, 2, null, false, false);
		this.db.level(this.store, 1, 1, -3, at("2026-11-03T12:00"));

		Assessment variant = assess(1);

		assertThat(variant.available()).isEqualTo(-3);
		// October 29 to November 2 had stock, November 3 sold below zero, November 4 neither
		assertThat(variant.inStockDays()).isEqualTo(6);
		assertThat(variant.velocity()).isEqualByComparingTo("1.1667");
		assertThat(variant.daysOfCover()).isEqualByComparingTo("0");
		assertThat(variant.reorderPoint()).isEqualByComparingTo("11.7");
		assertThat(variant.lostRevenuePerDay()).isEqualByComparingTo("14.00");
		assertThat(List.of(AlertType.values())).allMatch(variant::holds);
	}

	@Test
	void aNewProductFallsBackToTwentyEightDaysAndSaysSo() {
		this.db.variant(this.store, 1, "5.00");
		this.db.level(this.store, 1, 1, 10, at("2026-11-03T10:00"));
		this.db.order(this.store, 1, at("2026-11-03T15:00"), 1, 2, null, false, false);
		this.db.order(this.store, 2, at("2026-11-04T15:00"), 1, 1, null, false, false);

		Assessment variant = assess(1);

		assertThat(variant.fallback()).isTrue();
		assertThat(variant.windowDays()).isEqualTo(28);
		assertThat(variant.inStockDays()).isEqualTo(2);
		assertThat(variant.velocity()).isEqualByComparingTo("1.5");
	}

	@Test
	void theFallbackCountsTheFourWeeksAcrossTheRecentWindowsStart() {
		this.db.variant(this.store, 1, "5.00");
		this.db.level(this.store, 1, 1, 10, LONG_AGO);
		this.db.order(this.store, 1, at("2026-10-10T10:00"), 1, 2, null, false, false);
		this.db.level(this.store, 1, 1, 0, at("2026-10-20T12:00"));
		// restocked the evening before the recent window, sold out in its first hour
		this.db.level(this.store, 1, 1, 5, at("2026-10-28T20:00"));
		this.db.order(this.store, 2, at("2026-10-29T00:30"), 1, 5, null, false, false);
		this.db.level(this.store, 1, 1, 0, at("2026-10-29T00:30"));

		Assessment variant = assess(1);

		assertThat(variant.fallback()).isTrue();
		assertThat(variant.windowDays()).isEqualTo(28);
		// October 8 (the window's first day) to 20, 28 and 29
		assertThat(variant.inStockDays()).isEqualTo(15);
		assertThat(variant.unitsSold()).isEqualTo(7);
		assertThat(variant.velocity()).isEqualByComparingTo("0.4667");
	}

	@Test
	void withoutSalesThereIsNoVelocityNoCoverAndNoReorderPoint() {
		this.db.variant(this.store, 1, "5.00");
		this.db.level(this.store, 1, 1, 5, LONG_AGO);

		Assessment variant = assess(1);

		assertThat(variant.velocity()).isNull();
		assertThat(variant.daysOfCover()).isNull();
		assertThat(variant.reorderPoint()).isNull();
		assertThat(variant.lostRevenuePerDay()).isNull();
		assertThat(variant.holds(AlertType.LOW_STOCK)).isTrue();
		assertThat(variant.holds(AlertType.PREDICTED_STOCKOUT)).isFalse();
		assertThat(variant.holds(AlertType.REORDER_POINT)).isFalse();
	}

	@Test
	void refundedUnitsCancelledAndTestOrdersDoNotCount() {
		this.db.variant(this.store, 1, "5.00");
		this.db.level(this.store, 1, 1, 30, LONG_AGO);
		this.db.order(this.store, 1, at("2026-11-02T10:00"), 1, 4, 1, false, false);
		this.db.order(this.store, 2, at("2026-11-02T11:00"), 1, 10, null, true, false);
		this.db.order(this.store, 3, at("2026-11-02T12:00"), 1, 10, null, false, true);
		this.db.order(this.store, 4, at("2026-11-03T12:00"), 1, 6, null, false, false);

		Assessment variant = assess(1);

		assertThat(variant.unitsSold()).isEqualTo(7);
		assertThat(variant.velocity()).isEqualByComparingTo("1");
	}

	@Test
	void untrackedAndExcludedVariantsAreNotAssessedAndOverridesApply() {
		this.db.variant(this.store, 1, "5.00");
		this.db.variant(this.store, 2, "5.00");
		this.db.variant(this.store, 3, "5.00");
		this.db.level(this.store, 3, 1, 30, LONG_AGO);
		this.jdbc.sql("update inventory_item set tracked = false where store_id = :store and shopify_id = 1")
			.param("store", this.store.id())
			.update();
		AlertSettingsRepository settings = new AlertSettingsRepository(this.jdbc);
		settings.save(this.store.id(), new AlertSettingsRepository.VariantSetting(2, null, null, null, null, true));
		settings.save(this.store.id(), new AlertSettingsRepository.VariantSetting(3, 40, null, 2, null, false));

		List<Assessment> assessed = this.evaluation.assess(this.store, null, NOW);

		assertThat(assessed).extracting((a) -> a.variant().variantId()).containsExactly(3L);
		assertThat(assessed.get(0).settings()).isEqualTo(new AlertSettings(40, 14, 2, 3));
		assertThat(assessed.get(0).holds(AlertType.LOW_STOCK)).isTrue();
	}

	private Assessment assess(long variantId) {
		return this.evaluation.assess(this.store, null, NOW)
			.stream()
			.filter((assessment) -> assessment.variant().variantId() == variantId)
			.findFirst()
			.orElseThrow();
	}

	static Instant at(String localTime) {
		return LocalDateTime.parse(localTime).atZone(NEW_YORK).toInstant();
	}

}
