package com.metricsdash.alerts;

import com.metricsdash.alerts.AlertEvaluation.Changes;
import com.metricsdash.alerts.AlertSettingsRepository.VariantSetting;
import com.metricsdash.shop.StoreRef;

import org.springframework.stereotype.Service;

/**
 * Saves alert settings, from the settings page or the API, and re-evaluates the store's alerts at once: new settings
 * are meant to change what alerts, and whoever saved them should see it without waiting for the sweep. Answers what
 * the evaluation fired and resolved; it pushes them like any other evaluation.
 */
@Service
class AlertSettingsChanges {

	private final AlertSettingsRepository settings;

	private final AlertTriggers triggers;

	AlertSettingsChanges(AlertSettingsRepository settings, AlertTriggers triggers) {
		this.settings = settings;
		this.triggers = triggers;
	}

	Changes saveDefaults(StoreRef store, AlertSettings defaults) {
		this.settings.saveDefaults(store.id(), defaults);
		return this.triggers.settingsChanged(store);
	}

	Changes saveVariant(StoreRef store, VariantSetting setting) {
		this.settings.save(store.id(), setting);
		return this.triggers.settingsChanged(store);
	}

	/** The variant follows the store's defaults again. */
	Changes resetVariant(StoreRef store, long variantId) {
		this.settings.delete(store.id(), variantId);
		return this.triggers.settingsChanged(store);
	}

}
