package com.metricsdash.alerts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an alert stands. Active and acknowledged alerts are open (at most one per variant and type); an
 * acknowledged one is out of the unread count until it resolves, or its condition fires a new alert after it.
 */
enum AlertStatus {

	ACTIVE, ACKNOWLEDGED, RESOLVED;

	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** As the alerts page names it, e.g. {@code Acknowledged}. */
	String label() {
		return name().charAt(0) + value().substring(1);
	}

	static Optional<AlertStatus> ofValue(String value) {
		return Arrays.stream(values()).filter((status) -> status.value().equals(value)).findFirst();
	}

}
