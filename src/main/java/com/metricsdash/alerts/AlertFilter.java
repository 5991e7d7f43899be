package com.metricsdash.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the alerts page lists: one status, or the open alerts (active and acknowledged) when {@code status} is
 * {@code null}; one type, or all when {@code type} is {@code null}. Read from the filter form's {@code status} and
 * {@code type}, where an empty value means "any". What the page reads of it is public, for the templates.
 */
record AlertFilter(AlertStatus status, AlertType type) {

	static final AlertFilter OPEN = new AlertFilter(null, null);

	/** The filter the parameters name; empty when either names no status or type. */
	static Optional<AlertFilter> of(String status, String type) {
		Optional<AlertStatus> chosenStatus = blank(status) ? Optional.empty() : AlertStatus.ofValue(status);
		Optional<AlertType> chosenType = blank(type) ? Optional.empty() : AlertType.ofValue(type);
		if ((!blank(status) && chosenStatus.isEmpty()) || (!blank(type) && chosenType.isEmpty())) {
			return Optional.empty();
		}
		return Optional.of(new AlertFilter(chosenStatus.orElse(null), chosenType.orElse(null)));
	}

	public List<Option> statuses() {
		List<Option> options = new ArrayList<>();
		options.add(new Option("", "Open (active and acknowledged)", this.status == null));
		for (AlertStatus each : AlertStatus.values()) {
			options.add(new Option(each.value(), each.label(), each == this.status));
		}
		return options;
	}

	public List<Option> types() {
		List<Option> options = new ArrayList<>();
		options.add(new Option("", "All types", this.type == null));
		for (AlertType each : AlertType.values()) {
			options.add(new Option(each.value(), each.label(), each == this.type));
		}
		return options;
	}

	/** What the page says when nothing matches, e.g. {@code No resolved low stock alerts.} */
	public String empty() {
		String which = (this.status != null) ? this.status.value() : "open";
		String kind = (this.type != null) ? " " + this.type.label().toLowerCase(Locale.ROOT) : "";
		String sentence = "No " + which + kind + " alerts.";
		return (this.equals(OPEN)) ? sentence + " Every tracked variant has enough stock for now." : sentence;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	/** One choice of a filter's select. */
	record Option(String value, String label, boolean selected) {
	}

}
