package com.metricsdash.dashboard;

import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.StoreUninstalled;
import com.metricsdash.shop.Stores;
import com.metricsdash.system.LastKnown;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A store's dashboard for the page, the push and the API. It is worked out from PostgreSQL whenever that can be done,
 * and remembered in Redis with the settings it was shown under whenever its figures changed, or at least every
 * {@link LastKnown#REFRESHED_EVERY} (so a read does not write); while PostgreSQL cannot be reached the last one
 * remembered is served instead, marked stale with the time it was worked out, so that a merchant sees the figures of a few minutes ago rather
 * than an error. Only an unreachable database falls back: any other failure is a bug to see, not to hide.
 */
@Component
class Dashboards {

	private final Stores stores;

	private final SettingsRepository settings;

	private final DashboardFigures figures;

	private final LastKnown lastKnown;

	private final JsonMapper json;

	Dashboards(Stores stores, SettingsRepository settings, DashboardFigures figures, LastKnown lastKnown,
			JsonMapper json) {
		this.stores = stores;
		this.settings = settings;
		this.figures = figures;
		this.lastKnown = lastKnown;
		// remembered as the records' own fields: the API's JSON (Dashboard's @JsonValue) leaves out what the page needs
		this.json = json.rebuild().disable(MapperFeature.USE_ANNOTATIONS).build();
	}

	/**
	 * The store's dashboard against {@code asked}, or against the store's own comparison when {@code null}; empty when
	 * the store is not installed.
	 * @throws FiguresUnavailableException when PostgreSQL cannot be reached and no such dashboard is remembered
	 */
	Optional<Reading> read(UUID storeId, Comparison asked) {
		try {
			return this.stores.installed(storeId).map((store) -> fresh(store, asked));
		}
		catch (RuntimeException ex) {
			if (!LastKnown.databaseUnreachable(ex)) {
				throw ex;
			}
			return Optional.of(last(storeId, asked).orElseThrow(() -> new FiguresUnavailableException(storeId, ex)));
		}
	}

	/** A store that removed the app has no figures to fall back on. */
	@TransactionalEventListener
	void uninstalled(StoreUninstalled event) {
		Stream<String> dashboards = Arrays.stream(Comparison.values())
			.map((comparison) -> dashboardKey(event.storeId(), comparison));
		this.lastKnown.forget(Stream.concat(Stream.of(settingsKey(event.storeId())), dashboards).toArray(String[]::new));
	}

	private Reading fresh(StoreRef store, Comparison asked) {
		DashboardSettings chosen = this.settings.of(store.id());
		DashboardFigures.Figures figures = this.figures.figures(store, (asked != null) ? asked : chosen.comparison());
		Dashboard dashboard = figures.dashboard();
		this.lastKnown.remember(settingsKey(store.id()), chosen, () -> this.json.writeValueAsString(chosen));
		this.lastKnown.remember(dashboardKey(store.id(), dashboard.comparison()), dashboard.asOf(null),
				() -> serialised(dashboard));
		return new Reading(figures, chosen);
	}

	/** The last dashboard remembered, stale; a store whose settings were never remembered has the defaults. */
	private Optional<Reading> last(UUID storeId, Comparison asked) {
		DashboardSettings chosen = this.lastKnown.recall(settingsKey(storeId))
			.map((settings) -> this.json.readValue(settings, DashboardSettings.class))
			.orElse(DashboardSettings.DEFAULTS);
		return this.lastKnown.recall(dashboardKey(storeId, (asked != null) ? asked : chosen.comparison()))
			.map((dashboard) -> new Reading(new DashboardFigures.Figures(deserialised(dashboard).asStale(), null, null),
					chosen));
	}

	/** The dashboard as it is remembered: compact JSON of every field, the page's comparison day included. */
	String serialised(Dashboard dashboard) {
		return this.json.writeValueAsString(dashboard);
	}

	Dashboard deserialised(String remembered) {
		return this.json.readValue(remembered, Dashboard.class);
	}

	private static String settingsKey(UUID storeId) {
		return "dashboard-settings:" + storeId;
	}

	private static String dashboardKey(UUID storeId, Comparison comparison) {
		return "dashboard:" + storeId + ":" + comparison.value();
	}

	/**
	 * A dashboard with the settings of the store it is shown to; the hourly sales of stale figures, which are only the
	 * remembered dashboard, are {@code null}.
	 */
	record Reading(DashboardFigures.Figures figures, DashboardSettings settings) {

		Dashboard dashboard() {
			return this.figures.dashboard();
		}

	}

}
