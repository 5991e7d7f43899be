package com.metricsdash.dashboard;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.metricsdash.sales.SalesTotals;
import com.metricsdash.shop.StoreRef;

import org.springframework.stereotype.Component;

/**
 * What the dashboard fragment shows for a store now: the page's poll and the live push both take it from here, so
 * they render the same figures against the same comparison.
 */
@Component
class DashboardView {

	/** The comparison in use, the one place that chooses it: yesterday, until stores can pick one in their settings. */
	static final Comparison COMPARISON = Comparison.YESTERDAY;

	private final DashboardFigures figures;

	private final SalesTotals sales;

	DashboardView(DashboardFigures figures, SalesTotals sales) {
		this.figures = figures;
		this.sales = sales;
	}

	/** The store's dashboard now, with its cards and chart. */
	Shown of(StoreRef store) {
		Dashboard dashboard = this.figures.figures(store, COMPARISON);
		LocalDate today = LocalDate.ofInstant(dashboard.updatedAt(), dashboard.timezone());
		RevenueChart chart = RevenueChart.of(dashboard, this.sales.hourly(store.id(), today),
				this.sales.hourly(store.id(), dashboard.comparisonDay()));
		return new Shown(dashboard, FigureCard.of(dashboard), chart);
	}

	/** A dashboard as the fragment {@code dashboard/cards :: cards} shows it. */
	record Shown(Dashboard dashboard, List<FigureCard> cards, RevenueChart chart) {

		/**
		 * The fragment's variables; {@code oob} marks it for an out-of-band swap, as pushed fragments are, while the
		 * page's own request swaps it in place.
		 */
		Map<String, Object> variables(boolean oob) {
			return Map.of("dashboard", this.dashboard, "cards", this.cards, "chart", this.chart, "period",
					FigureCard.label(this.dashboard.comparison()), "oob", oob);
		}

	}

}
