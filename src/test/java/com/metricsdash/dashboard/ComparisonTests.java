package com.metricsdash.dashboard;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which day each comparison picks, and how the API spells it. */
class ComparisonTests {

	@Test
	void yesterdayIsTheDayBeforeAndLastWeekTheSameWeekday() {
		assertThat(Comparison.YESTERDAY.dayFor(LocalDate.of(2026, 3, 1))).isEqualTo(LocalDate.of(2026, 2, 28));
		assertThat(Comparison.LAST_WEEK.dayFor(LocalDate.of(2026, 3, 3))).isEqualTo(LocalDate.of(2026, 2, 24))
			.satisfies((day) -> assertThat(day.getDayOfWeek()).isEqualTo(LocalDate.of(2026, 3, 3).getDayOfWeek()));
	}

	@Test
	void lastMonthIsTheSameDateClampedToTheMonthsLastDay() {
		assertThat(Comparison.LAST_MONTH.dayFor(LocalDate.of(2026, 3, 15))).isEqualTo(LocalDate.of(2026, 2, 15));
		assertThat(Comparison.LAST_MONTH.dayFor(LocalDate.of(2026, 3, 31))).isEqualTo(LocalDate.of(2026, 2, 28));
		assertThat(Comparison.LAST_MONTH.dayFor(LocalDate.of(2028, 3, 31))).isEqualTo(LocalDate.of(2028, 2, 29));
		assertThat(Comparison.LAST_MONTH.dayFor(LocalDate.of(2026, 5, 31))).isEqualTo(LocalDate.of(2026, 4, 30));
		assertThat(Comparison.LAST_MONTH.dayFor(LocalDate.of(2026, 1, 31))).isEqualTo(LocalDate.of(2025, 12, 31));
	}

	@Test
	void eachIsNamedByItsQueryValueAndShownUnderItsKey() {
		assertThat(Comparison.ofValue("last_week")).contains(Comparison.LAST_WEEK);
		assertThat(Comparison.ofValue("lastWeek")).isEmpty();
		assertThat(Comparison.LAST_MONTH.key()).isEqualTo("lastMonth");
		assertThat(Comparison.YESTERDAY.value()).isEqualTo("yesterday");
	}

}
