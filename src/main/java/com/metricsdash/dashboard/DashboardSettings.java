package com.metricsdash.dashboard;

import java.util.List;

/**
 * What a store has chosen for its dashboard ({@code store_settings}): the day today is compared with and which
 * widgets the page shows. A store that has never saved them has {@link #DEFAULTS}, the table's own defaults.
 */
record DashboardSettings(Comparison comparison, boolean showOrders, boolean showRevenue, boolean showAov,
		boolean showConversion, boolean showRevenueChart) {

	static final DashboardSettings DEFAULTS = new DashboardSettings(Comparison.YESTERDAY, true, true, true, true, true);

	/** Whether the page would still show something: a dashboard with every widget hidden is not allowed. */
	boolean anyVisible() {
		return this.showOrders || this.showRevenue || this.showAov || this.showConversion || this.showRevenueChart;
	}

	/** Whether the card with this key ({@link FigureCard#key()}) is shown. */
	boolean shows(String card) {
		return switch (card) {
			case "orders" -> this.showOrders;
			case "revenue" -> this.showRevenue;
			case "aov" -> this.showAov;
			case "conversion" -> this.showConversion;
			default -> true;
		};
	}

	/** The comparisons as the settings form offers them, in order. */
	static List<Option> options(Comparison selected) {
		return List.of(new Option(Comparison.YESTERDAY, "Yesterday", selected),
				new Option(Comparison.LAST_WEEK, "Same weekday last week", selected),
				new Option(Comparison.LAST_MONTH, "Same date last month", selected));
	}

	/** One choice of the form's comparison select (public accessors, for the template). */
	record Option(String value, String label, boolean selected) {

		Option(Comparison comparison, String label, Comparison selected) {
			this(comparison.value(), label, comparison == selected);
		}

	}

}
