package com.metricsdash.alerts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an alert warns of; stored by constant name, shown to API clients in lower case ({@code low_stock}). */
enum AlertType {

	/** Available below the threshold. */
	LOW_STOCK,

	/** Days of cover below the horizon. */
	PREDICTED_STOCKOUT,

	/** Available at or below the reorder point. */
	REORDER_POINT;

	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** As the alerts page names it, e.g. {@code Low stock}. */
	String label() {
		String words = name().replace('_', ' ').toLowerCase(Locale.ROOT);
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	static Optional<AlertType> ofValue(String value) {
		return Arrays.stream(values()).filter((type) -> type.value().equals(value)).findFirst();
	}

}
