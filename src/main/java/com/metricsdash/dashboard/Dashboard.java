package com.metricsdash.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;
import com.metricsdash.sales.DayTotal;

/**
 * A store's dashboard at one moment. Its JSON is exactly the API's (CONTRACT.md): the comparison figure sits under a
 * key named after the period, which a plain record cannot express, so {@link #json()} spells it out; what only the page
 * needs (the comparison day and its full-day total) stays out of the JSON.
 *
 * @param conversion {@code null} until sessions are known for either day
 * @param comparisonDay the local day today is compared with
 * @param comparisonDayTotal that day's sales from midnight to midnight, shown beside the same-span figures
 * @param stale whether these are the last figures worked out, at {@code updatedAt}, shown because the database cannot
 * be reached now; only then does the JSON carry {@code "stale": true}, so a current dashboard is exactly the contract's
 */
public record Dashboard(UUID storeId, String currency, ZoneId timezone, Comparison comparison, Figure orders,
		Figure revenue, Figure aov, Figure conversion, Instant updatedAt, LocalDate comparisonDay,
		DayTotal comparisonDayTotal, boolean stale) {

	/** The same figures, marked as the last ones known rather than current. */
	Dashboard asStale() {
		return new Dashboard(this.storeId, this.currency, this.timezone, this.comparison, this.orders, this.revenue,
				this.aov, this.conversion, this.updatedAt, this.comparisonDay, this.comparisonDayTotal, true);
	}

	/** The same figures, read at another moment: {@code null} compares figures alone. */
	Dashboard asOf(Instant at) {
		return new Dashboard(this.storeId, this.currency, this.timezone, this.comparison, this.orders, this.revenue,
				this.aov, this.conversion, at, this.comparisonDay, this.comparisonDayTotal, this.stale);
	}

	@JsonValue
	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("storeId", this.storeId.toString());
		json.put("currency", this.currency);
		json.put("timezone", this.timezone.getId());
		json.put("comparison", this.comparison.value());
		json.put("orders", this.orders.json(this.comparison));
		json.put("revenue", this.revenue.json(this.comparison));
		json.put("aov", this.aov.json(this.comparison));
		json.put("conversion", (this.conversion != null) ? this.conversion.json(this.comparison) : null);
		json.put("updatedAt", this.updatedAt.toString());
		if (this.stale) {
			json.put("stale", true);
		}
		return json;
	}

}
