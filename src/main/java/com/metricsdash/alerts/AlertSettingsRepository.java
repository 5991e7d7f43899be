package com.metricsdash.alerts;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The alerts' settings: the store's defaults (its columns of {@code store_settings}, the table's defaults while it has
 * no row) and each variant's overrides and exclusion ({@code alert_variant_setting}).
 */
@Repository
class AlertSettingsRepository {

	private final JdbcClient jdbc;

	AlertSettingsRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	AlertSettings defaults(UUID storeId) {
		return this.jdbc.sql("""
				select low_stock_threshold as threshold, stockout_horizon_days as horizon_days,
				       reorder_lead_time_days as lead_time_days, safety_stock_days
				from store_settings where store_id = :store""")
			.param("store", storeId)
			.query(AlertSettings.class)
			.optional()
			.orElse(AlertSettings.DEFAULTS);
	}

	/** Saves the store's defaults, creating its settings row (the dashboard's columns at their defaults) if it has none. */
	void saveDefaults(UUID storeId, AlertSettings defaults) {
		this.jdbc.sql("""
				insert into store_settings (store_id, low_stock_threshold, stockout_horizon_days, reorder_lead_time_days,
				    safety_stock_days, updated_at)
				values (:store, :threshold, :horizon, :leadTime, :safetyStock, now())
				on conflict (store_id) do update
				set low_stock_threshold = excluded.low_stock_threshold,
				    stockout_horizon_days = excluded.stockout_horizon_days,
				    reorder_lead_time_days = excluded.reorder_lead_time_days,
				    safety_stock_days = excluded.safety_stock_days, updated_at = excluded.updated_at""")
			.param("store", storeId)
			.param("threshold", defaults.threshold())
			.param("horizon", defaults.horizonDays())
			.param("leadTime", defaults.leadTimeDays())
			.param("safetyStock", defaults.safetyStockDays())
			.update();
	}

	/** The variants with settings of their own, by variant id. */
	Map<Long, VariantSetting> variants(UUID storeId) {
		return this.jdbc.sql("""
				select variant_id, low_stock_threshold, stockout_horizon_days, reorder_lead_time_days,
				       safety_stock_days, excluded
				from alert_variant_setting where store_id = :store""")
			.param("store", storeId)
			.query(VariantSetting.class)
			.list()
			.stream()
			.collect(Collectors.toMap(VariantSetting::variantId, (setting) -> setting));
	}

	/** The variant's own settings, if it has any. */
	Optional<VariantSetting> variant(UUID storeId, long variantId) {
		return this.jdbc.sql("""
				select variant_id, low_stock_threshold, stockout_horizon_days, reorder_lead_time_days,
				       safety_stock_days, excluded
				from alert_variant_setting where store_id = :store and variant_id = :variant""")
			.param("store", storeId)
			.param("variant", variantId)
			.query(VariantSetting.class)
			.optional();
	}

	/** Drops the variant's own settings: it follows the store's defaults again. */
	void delete(UUID storeId, long variantId) {
		this.jdbc.sql("delete from alert_variant_setting where store_id = :store and variant_id = :variant")
			.param("store", storeId)
			.param("variant", variantId)
			.update();
	}

	/** Saves a variant's settings in place of those it had. */
	void save(UUID storeId, VariantSetting setting) {
		this.jdbc.sql("""
				insert into alert_variant_setting (store_id, variant_id, low_stock_threshold, stockout_horizon_days,
				    reorder_lead_time_days, safety_stock_days, excluded)
				values (:store, :variant, :threshold, :horizon, :leadTime, :safetyStock, :excluded)
				on conflict (store_id, variant_id) do update
				set low_stock_threshold = excluded.low_stock_threshold,
				    stockout_horizon_days = excluded.stockout_horizon_days,
				    reorder_lead_time_days = excluded.reorder_lead_time_days,
				    safety_stock_days = excluded.safety_stock_days, excluded = excluded.excluded, updated_at = now()""")
			.param("store", storeId)
			.param("variant", setting.variantId())
			.param("threshold", setting.lowStockThreshold())
			.param("horizon", setting.stockoutHorizonDays())
			.param("leadTime", setting.reorderLeadTimeDays())
			.param("safetyStock", setting.safetyStockDays())
			.param("excluded", setting.excluded())
			.update();
	}

	/** A variant's own settings: each {@code null} figure follows the store's default; an excluded one never alerts. */
	record VariantSetting(long variantId, Integer lowStockThreshold, Integer stockoutHorizonDays,
			Integer reorderLeadTimeDays, Integer safetyStockDays, boolean excluded) {

		AlertSettings over(AlertSettings defaults) {
			return defaults.with(this.lowStockThreshold, this.stockoutHorizonDays, this.reorderLeadTimeDays,
					this.safetyStockDays);
		}

	}

}
