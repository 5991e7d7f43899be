package com.metricsdash.alerts;

import java.util.UUID;

import jakarta.validation.groups.Default;

import com.metricsdash.inventory.StockLevels;
import com.metricsdash.inventory.VariantStock;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.system.ApiProblem;
import com.metricsdash.system.JsonApi;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The alert settings of the settings page as JSON: {@code GET/PUT /api/stores/{storeId}/alert-settings}, the store's
 * defaults (a PUT gives all four), and {@code GET/PUT/DELETE …/alert-settings/variants/{variantId}}, a variant's own
 * figures (null follows the default) and exclusion, which DELETE drops. Validated by the page's rules
 * ({@link AlertSettingsInput}), refused per field as problem+json; a save re-evaluates the store's alerts at once.
 * Security has already checked that the bearer owns the store.
 */
@RestController
@JsonApi
class AlertSettingsApiController {

	private final Stores stores;

	private final StockLevels stock;

	private final AlertSettingsRepository settings;

	private final AlertSettingsChanges changes;

	AlertSettingsApiController(Stores stores, StockLevels stock, AlertSettingsRepository settings,
			AlertSettingsChanges changes) {
		this.stores = stores;
		this.stock = stock;
		this.settings = settings;
		this.changes = changes;
	}

	@GetMapping("/api/stores/{storeId}/alert-settings")
	Figures defaults(@PathVariable UUID storeId) {
		return Figures.of(this.settings.defaults(installed(storeId).id()));
	}

	@PutMapping("/api/stores/{storeId}/alert-settings")
	Figures saveDefaults(@PathVariable UUID storeId,
			@Validated({ Default.class, AlertSettingsInput.Defaults.class }) @RequestBody AlertSettingsInput input) {
		this.changes.saveDefaults(installed(storeId), input.defaults());
		return Figures.of(input.defaults());
	}

	@GetMapping("/api/stores/{storeId}/alert-settings/variants/{variantId}")
	VariantSettings variant(@PathVariable UUID storeId, @PathVariable long variantId) {
		StoreRef store = installed(storeId);
		return settingsOf(store, variant(store, variantId));
	}

	@PutMapping("/api/stores/{storeId}/alert-settings/variants/{variantId}")
	VariantSettings saveVariant(@PathVariable UUID storeId, @PathVariable long variantId,
			@Validated @RequestBody AlertSettingsInput input) {
		StoreRef store = installed(storeId);
		VariantStock variant = variant(store, variantId);
		this.changes.saveVariant(store, input.variant(variantId));
		return settingsOf(store, variant);
	}

	@DeleteMapping("/api/stores/{storeId}/alert-settings/variants/{variantId}")
	ResponseEntity<Void> resetVariant(@PathVariable UUID storeId, @PathVariable long variantId) {
		StoreRef store = installed(storeId);
		variant(store, variantId);
		this.changes.resetVariant(store, variantId);
		return ResponseEntity.noContent().build();
	}

	private VariantSettings settingsOf(StoreRef store, VariantStock variant) {
		AlertSettings defaults = this.settings.defaults(store.id());
		AlertSettingsInput own = this.settings.variant(store.id(), variant.variantId())
			.map(AlertSettingsInput::of)
			.orElseGet(() -> new AlertSettingsInput(null, null, null, null, false));
		return new VariantSettings(variant.variantId(), variant.productTitle(), variant.variantTitle(), variant.sku(),
				own.lowStockThreshold(), own.leadTimeDays(), own.safetyStockDays(), own.stockoutHorizonDays(),
				own.excluded(), Figures.of(own.variant(variant.variantId()).over(defaults)));
	}

	private StoreRef installed(UUID storeId) {
		return this.stores.installed(storeId)
			.orElseThrow(() -> ApiProblem.storeNotInstalled(storeId));
	}

	private VariantStock variant(StoreRef store, long variantId) {
		return this.stock.variant(store.id(), variantId)
			.orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "The store has no variant " + variantId + " on sale."));
	}

	/** The four figures alerts are judged by. */
	record Figures(int lowStockThreshold, int leadTimeDays, int safetyStockDays, int stockoutHorizonDays) {

		static Figures of(AlertSettings settings) {
			return new Figures(settings.threshold(), settings.leadTimeDays(), settings.safetyStockDays(),
					settings.horizonDays());
		}

	}

	/**
	 * A variant's own settings ({@code null}: the store's default) and, in {@code applied}, the figures its alerts are
	 * judged by.
	 */
	record VariantSettings(long variantId, String productTitle, String variantTitle, String sku,
			Integer lowStockThreshold, Integer leadTimeDays, Integer safetyStockDays, Integer stockoutHorizonDays,
			boolean excluded, Figures applied) {

	}

}
