package com.metricsdash.alerts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.metricsdash.alerts.AlertRepository.OpenAlert;
import com.metricsdash.alerts.AlertRepository.Reading;
import com.metricsdash.alerts.AlertSettingsRepository.VariantSetting;
import com.metricsdash.inventory.StockLevels;
import com.metricsdash.inventory.VariantSales;
import com.metricsdash.shop.StoreRef;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides which alerts fire, stay open or resolve, for some variants of a store or all of them. Per variant and type:
 * with no alert open, one fires when the condition holds; an open one resolves once the condition has cleared by the
 * margin ({@link Assessment}) and otherwise has its numbers brought up to date. Variants that no longer qualify
 * (untracked, excluded, deleted) have their open alerts resolved. One evaluation of a store runs at a time, across
 * instances (a transaction-scoped advisory lock), so that what it reads is still true when it writes.
 */
@Service
class AlertEvaluation {

	private final StockLevels stock;

	private final AlertRepository alerts;

	private final AlertSettingsRepository settings;

	private final JdbcClient jdbc;

	AlertEvaluation(StockLevels stock, AlertRepository alerts, AlertSettingsRepository settings, JdbcClient jdbc) {
		this.stock = stock;
		this.alerts = alerts;
		this.settings = settings;
		this.jdbc = jdbc;
	}

	/**
	 * Evaluates the store's variants of these inventory items, or every variant when {@code null}, as of {@code now};
	 * returns the alerts that fired and those that resolved.
	 */
	@Transactional
	Changes evaluate(StoreRef store, Collection<Long> inventoryItemIds, Instant now) {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended('alerts:' || :store, 0))")
			.param("store", store.id().toString())
			.query(Object.class)
			.single();
		Map<String, OpenAlert> open = new HashMap<>();
		this.alerts.open(store.id(), inventoryItemIds)
			.forEach((alert) -> open.put(key(alert.variantId(), alert.type()), alert));
		List<Reading> firing = new ArrayList<>();
		List<Reading> still = new ArrayList<>();
		List<UUID> clearing = new ArrayList<>();
		for (Assessment assessment : assess(store, inventoryItemIds, now)) {
			for (AlertType type : AlertType.values()) {
				OpenAlert alert = open.remove(key(assessment.variant().variantId(), type));
				if (alert == null) {
					if (assessment.holds(type)) {
						firing.add(new Reading(null, type, assessment));
					}
				}
				else if (assessment.cleared(type)) {
					clearing.add(alert.id());
				}
				else {
					still.add(new Reading(alert.id(), type, assessment));
				}
			}
		}
		open.values().forEach((gone) -> clearing.add(gone.id()));
		this.alerts.refresh(store.id(), still, now);
		return new Changes(this.alerts.fire(store.id(), firing, now), this.alerts.resolve(store.id(), clearing, now),
				!still.isEmpty());
	}

	/** The variants that may alert, each judged by its own settings as of {@code now}: tracked and not excluded. */
	List<Assessment> assess(StoreRef store, Collection<Long> inventoryItemIds, Instant now) {
		AlertSettings defaults = this.settings.defaults(store.id());
		Map<Long, VariantSetting> own = this.settings.variants(store.id());
		LocalDate today = LocalDate.ofInstant(now, store.zone());
		List<Assessment> assessments = new ArrayList<>();
		for (VariantSales variant : this.stock.sales(store.id(), store.zone(), today, Assessment.RECENT_DAYS,
				Assessment.FALLBACK_DAYS, Assessment.MIN_IN_STOCK_DAYS, inventoryItemIds)) {
			VariantSetting setting = own.get(variant.variantId());
			if (setting == null) {
				assessments.add(Assessment.of(variant, defaults));
			}
			else if (!setting.excluded()) {
				assessments.add(Assessment.of(variant, setting.over(defaults)));
			}
		}
		return assessments;
	}

	private static String key(long variantId, AlertType type) {
		return variantId + ":" + type;
	}

	/**
	 * What an evaluation changed, for the live push and for whoever saved settings.
	 * @param refreshed whether open alerts had their numbers brought up to date (a level that dropped further)
	 */
	record Changes(List<Alert> fired, List<Alert> resolved, boolean refreshed) {

		/** Nothing changed, or nothing could be evaluated. */
		static final Changes NONE = new Changes(List.of(), List.of(), false);

		/** Whether an open page's alerts may now read differently. */
		boolean any() {
			return !this.fired.isEmpty() || !this.resolved.isEmpty() || this.refreshed;
		}

	}

}
