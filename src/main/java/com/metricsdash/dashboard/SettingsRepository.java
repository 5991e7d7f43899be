package com.metricsdash.dashboard;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's columns of {@code store_settings}, one row per store; a store without a row has the defaults. The
 * table's other columns belong to other features and are left as they are.
 */
@Repository
class SettingsRepository {

	private final JdbcClient jdbc;

	SettingsRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The store's dashboard settings, the defaults if it has never saved any. */
	DashboardSettings of(UUID storeId) {
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

	/** Saves the store's dashboard settings, creating its row if it has none. */
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
	}

}
