package com.metricsdash.dashboard;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;

/**
 * The day today is compared with. Each has two spellings because the API takes one and answers with another: the
 * query value ({@code ?compare=last_week}, also the dashboard's {@code comparison}) and the JSON key that holds the
 * comparison figure ({@code "lastWeek"}).
 */
public enum Comparison {

	/** The day before. */
	YESTERDAY("yesterday", "yesterday"),

	/** The same weekday a week before. */
	LAST_WEEK("lastWeek", "last_week"),

	/** The same date a month before, clamped to that month's last day (March 31 compares with February 28 or 29). */
	LAST_MONTH("lastMonth", "last_month");

	private final String key;

	private final String value;

	Comparison(String key, String value) {
		this.key = key;
		this.value = value;
	}

	/** The JSON key of the comparison figure, e.g. {@code lastWeek}. */
	public String key() {
		return this.key;
	}

	/** The query value, e.g. {@code last_week}. */
	public String value() {
		return this.value;
	}

	/** The comparison named by a query value, if it names one. */
	public static Optional<Comparison> ofValue(String value) {
		return Arrays.stream(values()).filter((comparison) -> comparison.value.equals(value)).findFirst();
	}

	/** The local day that {@code today} is compared with. */
	public LocalDate dayFor(LocalDate today) {
		return switch (this) {
			case YESTERDAY -> today.minusDays(1);
			case LAST_WEEK -> today.minusWeeks(1);
			// minusMonths keeps the day of month where it can and otherwise takes the month's last day
			case LAST_MONTH -> today.minusMonths(1);
		};
	}

}
