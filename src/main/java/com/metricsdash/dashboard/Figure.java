package com.metricsdash.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One figure of the dashboard, today against the comparison day over the same span of the day, with the relative
 * change worked out once here so that the API, the page and the push all show the same rounding.
 *
 * @param today today's value, {@code null} when it cannot be known (an average of no orders, a rate without sessions)
 * @param previous the comparison day's value, {@code null} likewise
 * @param change {@code (today - previous) / previous} rounded half up to 3 places; {@code null} when either value is
 * unknown or the previous one is zero
 */
public record Figure(BigDecimal today, BigDecimal previous, BigDecimal change) {

	private static final int CHANGE_SCALE = 3;

	static Figure compare(BigDecimal today, BigDecimal previous) {
		boolean comparable = today != null && previous != null && previous.signum() != 0;
		BigDecimal change = comparable
				? today.subtract(previous).divide(previous, CHANGE_SCALE, RoundingMode.HALF_UP) : null;
		return new Figure(today, previous, change);
	}

	/** The figure as the API shows it, its comparison value under the comparison's key. */
	Map<String, Object> json(Comparison comparison) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("today", this.today);
		json.put(comparison.key(), this.previous);
		json.put("change", this.change);
		return json;
	}

}
