package com.metricsdash.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import com.metricsdash.sales.DayTotal;
import com.metricsdash.sales.HourTotal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's points, worked out by hand: x is {@code 48 + hour / 24 * 540} rounded to a pixel, y is
 * {@code 176 - revenue / max * 156} to a tenth of one.
 */
class RevenueChartTests {

	@Test
	void todaysLineEndsNowAndTheComparisonDaysRunsThroughItsWholeDayUnderTheHigherOfTheTwo() {
		// 02:30 in the shop: $10 in hour 0, $3 in hour 1, $22 so far in hour 2; the comparison day sold $40 in hour 0
		List<HourTotal> today = hours(10, 3, 22);
		List<HourTotal> comparisonDay = hours(40);
		Dashboard dashboard = new Dashboard(UUID.randomUUID(), "USD", ZoneId.of("UTC"), Comparison.YESTERDAY,
				Figure.compare(new BigDecimal("3"), new BigDecimal("1")),
				Figure.compare(new BigDecimal("35.00"), new BigDecimal("40.00")),
				Figure.compare(new BigDecimal("11.67"), new BigDecimal("40.00")), null,
				Instant.parse("2026-06-15T02:30:00Z"), LocalDate.of(2026, 6, 14),
				new DayTotal(1, new BigDecimal("40.00")), false);

		RevenueChart chart = RevenueChart.of(new DashboardFigures.Figures(dashboard, today, comparisonDay));

		// cumulative 0, 10, 13 at the hours 0 to 2, then 35 at 2.5; the top is 40
		assertThat(chart.today()).isEqualTo("48,176.0 71,137.0 93,125.3 104,39.5");
		// 0 at midnight, then 40 at every hour to 24: x 70.5, 115.5, ... round up
		assertThat(chart.previous()).isEqualTo("48,176.0 71,20.0 93,20.0 116,20.0 138,20.0 161,20.0 183,20.0 206,20.0"
				+ " 228,20.0 251,20.0 273,20.0 296,20.0 318,20.0 341,20.0 363,20.0 386,20.0 408,20.0 431,20.0 453,20.0"
				+ " 476,20.0 498,20.0 521,20.0 543,20.0 566,20.0 588,20.0");
		assertThat(chart.max()).isEqualTo("$40.00");
		assertThat(chart.summary()).isEqualTo("Cumulative revenue by hour: $35.00 today by 02:30, against $40.00"
				+ " yesterday by the same time and $40.00 for all of yesterday.");
	}

	/** A day's 24 hours, the first ones with these revenues and the rest with none. */
	private static List<HourTotal> hours(int... revenues) {
		return IntStream.range(0, 24)
			.mapToObj((hour) -> new HourTotal(hour, (hour < revenues.length) ? 1 : 0,
					BigDecimal.valueOf((hour < revenues.length) ? revenues[hour] : 0)))
			.toList();
	}

}
