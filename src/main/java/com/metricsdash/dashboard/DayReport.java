package com.metricsdash.dashboard;

import java.time.LocalDate;

/**
 * A whole local day's sales against its comparison day's whole day, for reports written once the day is over (the
 * e-mail digest); the dashboard compares a day still running instead.
 *
 * @param comparison which day the store compares with, by its dashboard setting
 */
public record DayReport(LocalDate day, LocalDate comparisonDay, Comparison comparison, Figure orders,
		Figure revenue) {
}
