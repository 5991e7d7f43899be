package com.metricsdash.inventory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The days each item had stock, for a New York shop's week of October 29 to November 4, 2026 (day 0 to day 6), whose
 * November 1 has 25 hours.
 */
class StockedDaysTests {

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	final StockedDays stocked = new StockedDays(LocalDate.of(2026, 10, 29), LocalDate.of(2026, 11, 5), NEW_YORK);

	@Test
	void aLevelFromBeforeTheWindowHoldsUntilItChanges() {
		this.stocked.change(1, 1, at("2026-10-01T09:00"), 3);
		this.stocked.change(1, 1, at("2026-11-01T23:30"), 0);

		assertThat(this.stocked.days()).isEqualTo(Map.of(1L, days(0, 1, 2, 3)));
	}

	@Test
	void aChangeAtMidnightBelongsToTheDayItStarts() {
		this.stocked.change(1, 1, at("2026-10-01T09:00"), 0);
		this.stocked.change(1, 1, at("2026-10-31T00:00"), 4);
		this.stocked.change(1, 1, at("2026-11-03T00:00"), 0);

		assertThat(this.stocked.days()).isEqualTo(Map.of(1L, days(2, 3, 4)));
	}

	@Test
	void stockIsTheTotalOverLocationsNegativeOnesIncluded() {
		this.stocked.change(1, 1, at("2026-10-01T09:00"), 5);
		this.stocked.change(1, 2, at("2026-10-01T09:00"), -8);
		this.stocked.change(1, 2, at("2026-11-02T12:00"), 0);
		this.stocked.change(2, 1, at("2026-10-01T09:00"), -1);

		assertThat(this.stocked.days()).isEqualTo(Map.of(1L, days(4, 5, 6)));
	}

	@Test
	void aTotalThatHeldForNoTimeMarksNothing() {
		this.stocked.change(1, 1, at("2026-10-30T12:00"), 4);
		this.stocked.change(1, 2, at("2026-10-30T12:00"), -4);
		this.stocked.change(1, 1, at("2026-11-01T12:00"), 0);

		assertThat(this.stocked.days()).isEmpty();
	}

	@Test
	void eachItemKeepsItsOwnLevels() {
		this.stocked.change(1, 1, at("2026-10-01T09:00"), 6);
		this.stocked.change(1, 1, at("2026-10-29T10:00"), 0);
		this.stocked.change(2, 1, at("2026-11-04T10:00"), 1);

		assertThat(this.stocked.days()).isEqualTo(Map.of(1L, days(0), 2L, days(6)));
	}

	private static BitSet days(int... days) {
		BitSet set = new BitSet();
		for (int day : days) {
			set.set(day);
		}
		return set;
	}

	private static Instant at(String localTime) {
		return LocalDateTime.parse(localTime).atZone(NEW_YORK).toInstant();
	}

}
