package com.metricsdash.digest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How often a store's digest goes out; stored by constant name, submitted in lower case. */
enum DigestFrequency {

	OFF("Off"), DAILY("Daily"), WEEKLY("Weekly");

	private final String label;

	DigestFrequency(String label) {
		this.label = label;
	}

	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	String label() {
		return this.label;
	}

	static Optional<DigestFrequency> ofValue(String value) {
		return Arrays.stream(values()).filter((frequency) -> frequency.value().equals(value)).findFirst();
	}

}
