package com.metricsdash.digest;

import java.util.List;

import com.metricsdash.alerts.AlertCard;

/**
 * What one digest says, worded and linked, for its HTML and text templates alike (public accessors, for them).
 *
 * @param heading e.g. {@code Daily digest for Saturday 5 December 2026}
 * @param newAlerts how many of {@code alerts} fired since the previous digest
 * @param sales yesterday's figures against their comparison day
 */
record DigestContent(String storeName, String shopDomain, String heading, List<AlertLine> alerts, long newAlerts,
		Sales sales, String alertsUrl, String settingsUrl, String unsubscribeUrl) {

	/** One open alert: the page's wording, whether it is new, and the signed link that opens it. */
	record AlertLine(AlertCard card, boolean fresh, String url) {
	}

	/**
	 * Yesterday's sales against the comparison day, e.g. orders {@code 12} against {@code 10}, {@code +20.0%}.
	 *
	 * @param day e.g. {@code Friday 4 December}
	 * @param comparisonDay e.g. {@code Thursday 3 December}
	 */
	record Sales(String day, String comparisonDay, List<SalesLine> lines) {
	}

	/** One figure: its value, the comparison day's, and the change in words ({@code null} when it cannot be told). */
	record SalesLine(String label, String value, String previous, String change) {
	}

}
