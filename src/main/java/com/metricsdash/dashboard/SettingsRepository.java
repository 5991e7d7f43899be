package com.metricsdash.dashboard;

import java.util.Optional;
import java.util.UUID;

import com.metricsdash.system.DatabaseChanges;
import com.metricsdash.system.KeptRows;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's columns of {@code store_settings}, one row per store; a store without a row has the defaults. The
 * table's other columns belong to other features and are left as they are. Every dashboard read asks for them, so an
 * instance keeps what it read until a change to the store's row is announced ({@link KeptRows}).
 */
@Repository
class SettingsRepository {

	/** Announced by the migrations' triggers with the store's id whenever its row of {@code store_settings} changes. */
	private static final String CHANGED = "store_settings_changed";

	private final JdbcClient jdbc;

	private final KeptRows<UUID, DashboardSettings> kept;

	SettingsRepository(JdbcClient jdbc, DatabaseChanges changes) {
		this.jdbc = jdbc;
		this.kept = new KeptRows<>(changes, CHANGED, (storeId, key, settings) -> key.toString().equals(storeId));
	}

	/** The store's dashboard settings, the defaults if it has never saved any. */
	DashboardSettings of(UUID storeId) {
		return this.kept.get(storeId, () -> Optional.of(read(storeId))).orElseThrow();
	}

	private DashboardSettings read(UUID storeId) {
		return this.jdbc.sql("""
				select comparison, show_orders, show_revenue, show_aov, show_conversion, show_revenue_chart
				from store_settings where store_id = :store""")
			.param("store", storeId)
			.query((row, number) -> new DashboardSettings(Comparison.valueOf(row.getString("comparison")),
					row.getBoolean("show_orders"), row.getBoolean("show_revenue"), row.getBoolean("show_aov"),
					row.getBoolean("show_conversion"), row.getBoolean("show_revenue_chart")))
			.optional()
			.orElse(DashboardSettings.DEFAULTS);
	}

	/** Saves the store's dashboard settings, creating its row if it has none; read here again at once. */
	void save(UUID storeId, DashboardSettings settings) {
		this.jdbc.sql("""
				insert into store_settings (store_id, comparison, show_orders, show_revenue, show_aov, show_conversion,
					show_revenue_chart, updated_at)
				values (:store, :comparison, :orders, :revenue, :aov, :conversion, :chart, now())
				on conflict (store_id) do update set comparison = excluded.comparison,
					show_orders = excluded.show_orders, show_revenue = excluded.show_revenue,
					show_aov = excluded.show_aov, show_conversion = excluded.show_conversion,
					show_revenue_chart = excluded.show_revenue_chart, updated_at = excluded.updated_at""")
			.param("store", storeId)
			.param("comparison", settings.comparison().name())
			.param("orders", settings.showOrders())
			.param("revenue", settings.showRevenue())
			.param("aov", settings.showAov())
			.param("conversion", settings.showConversion())
			.param("chart", settings.showRevenueChart())
			.update();
		this.kept.forget(storeId.toString());
	}

}
