package com.metricsdash.dashboard;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.metricsdash.sales.SalesTotals;
import com.metricsdash.shop.StoreRef;

import org.springframework.stereotype.Component;

/**
 * What the dashboard fragment shows for a store now: the page's poll and the live push both take it from here, so
 * they render the same figures against the same comparison, the store's own, with the widgets it has chosen.
 */
@Component
class DashboardView {

	private final DashboardFigures figures;

	private final SalesTotals sales;

	private final SettingsRepository settings;

	private final DashboardProperties properties;

	DashboardView(DashboardFigures figures, SalesTotals sales, SettingsRepository settings,
			DashboardProperties properties) {
		this.figures = figures;
		this.sales = sales;
		this.settings = settings;
		this.properties = properties;
	}

	/** The store's dashboard now, with the cards and chart its settings show. */
	Shown of(StoreRef store) {
		DashboardSettings chosen = this.settings.of(store.id());
		Dashboard dashboard = this.figures.figures(store, chosen.comparison());
		List<FigureCard> cards = FigureCard.of(dashboard).stream().filter((card) -> chosen.shows(card.key())).toList();
		RevenueChart chart = null;
		if (chosen.showRevenueChart()) {
			LocalDate today = LocalDate.ofInstant(dashboard.updatedAt(), dashboard.timezone());
			chart = RevenueChart.of(dashboard, this.sales.hourly(store.id(), today),
					this.sales.hourly(store.id(), dashboard.comparisonDay()));
		}
		return new Shown(dashboard, cards, chart, this.properties.pollInterval().toSeconds());
	}

	/**
	 * A dashboard as the fragment {@code dashboard/cards :: cards} shows it; no chart when the store hides it. The
	 * fragment polls for itself every {@code pollSeconds} while its page has no socket.
	 */
	record Shown(Dashboard dashboard, List<FigureCard> cards, RevenueChart chart, long pollSeconds) {

		/**
		 * The fragment's variables; {@code oob} marks it for an out-of-band swap, as pushed fragments are, while the
		 * page's own request swaps it in place.
		 */
		Map<String, Object> variables(boolean oob) {
			Map<String, Object> variables = new LinkedHashMap<>();
			variables.put("dashboard", this.dashboard);
			variables.put("cards", this.cards);
			variables.put("chart", this.chart);
			variables.put("period", FigureCard.label(this.dashboard.comparison()));
			variables.put("pollSeconds", this.pollSeconds);
			variables.put("oob", oob);
			return variables;
		}

	}

}
