package com.metricsdash.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * What the dashboard fragment shows for a store now: the page's poll and the live push both take it from here, so
 * they render the same figures against the same comparison, the store's own, with the widgets it has chosen. While
 * the database cannot be reached it shows the last figures known, greyed, with a note saying from when.
 */
@Component
class DashboardView {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.ENGLISH);

	private final Dashboards dashboards;

	private final Clock clock;

	private final DashboardProperties properties;

	DashboardView(Dashboards dashboards, Clock clock, DashboardProperties properties) {
		this.dashboards = dashboards;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * The store's dashboard with the cards and chart its settings show; empty when the store is not installed.
	 * @throws FiguresUnavailableException when the database cannot be reached and no figures are remembered
	 */
	Optional<Shown> of(UUID storeId) {
		return this.dashboards.read(storeId, null).map(this::shown);
	}

	private Shown shown(Dashboards.Reading reading) {
		Dashboard dashboard = reading.dashboard();
		DashboardSettings chosen = reading.settings();
		List<FigureCard> cards = FigureCard.of(dashboard).stream().filter((card) -> chosen.shows(card.key())).toList();
		if (dashboard.stale()) {
			// the hourly sales the chart is drawn from are as unreachable as the figures were
			return new Shown(dashboard, cards, null, staleNote(dashboard), this.properties.pollSeconds());
		}
		RevenueChart chart = chosen.showRevenueChart() ? RevenueChart.of(reading.figures()) : null;
		return new Shown(dashboard, cards, chart, null, this.properties.pollSeconds());
	}

	/** From when stale figures are, in the shop's time, with the date when that was not today. */
	private String staleNote(Dashboard dashboard) {
		ZonedDateTime at = dashboard.updatedAt().atZone(dashboard.timezone());
		boolean today = at.toLocalDate().equals(LocalDate.now(this.clock.withZone(dashboard.timezone())));
		return "Figures from " + at.format(today ? TIME : DAY_AND_TIME)
				+ " (shop time): the database is unreachable, retrying…";
	}

	/**
	 * A dashboard as the fragment {@code dashboard/cards :: cards} shows it; no chart when the store hides it or the
	 * figures are stale, and then {@code staleNote} says from when they are. The fragment polls for itself every
	 * {@code pollSeconds} while its page has no socket.
	 */
	record Shown(Dashboard dashboard, List<FigureCard> cards, RevenueChart chart, String staleNote, long pollSeconds) {

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
			variables.put("staleNote", this.staleNote);
			variables.put("pollSeconds", this.pollSeconds);
			variables.put("oob", oob);
			return variables;
		}

	}

}
