package com.metricsdash.alerts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.groups.Default;

import com.metricsdash.alerts.AlertEvaluation.Changes;
import com.metricsdash.alerts.AlertSettingsInput.Field;
import com.metricsdash.alerts.AlertSettingsRepository.VariantSetting;
import com.metricsdash.inventory.StockLevels;
import com.metricsdash.inventory.VariantStock;
import com.metricsdash.security.StoreOwner;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The alert settings section of the settings page ({@code alerts/settings}), loaded and saved by htmx: the store's
 * defaults, and a variant's own figures and exclusion for a variant picked from a search of the catalogue. Invalid
 * input answers 400 with the form, each wrong field marked and saying why, and saves nothing; a save re-evaluates
 * the store's alerts at once and says what that fired and resolved.
 */
@Controller
class AlertSettingsController {

	private static final String SECTION = "alerts/settings :: section";

	private static final String DEFAULTS = "alerts/settings :: defaults";

	private static final String RESULTS = "alerts/settings :: results";

	private static final String VARIANT = "alerts/settings :: variant";

	/** As many variants as a person scans in a list; typing more narrows it. */
	private static final int RESULTS_SHOWN = 20;

	private final Stores stores;

	private final StockLevels stock;

	private final AlertSettingsRepository settings;

	private final AlertSettingsChanges changes;

	AlertSettingsController(Stores stores, StockLevels stock, AlertSettingsRepository settings,
			AlertSettingsChanges changes) {
		this.stores = stores;
		this.stock = stock;
		this.settings = settings;
		this.changes = changes;
	}

	@GetMapping("/settings/alerts")
	ModelAndView section(@AuthenticationPrincipal StoreOwner owner) {
		StoreRef store = installed(owner);
		ModelAndView section = form(SECTION, AlertSettingsInput.of(this.settings.defaults(store.id())).values(), Map.of(),
				null, HttpStatus.OK);
		section.addAllObjects(results(store, ""));
		return section;
	}

	@PostMapping("/settings/alerts")
	ModelAndView saveDefaults(@AuthenticationPrincipal StoreOwner owner,
			@Validated({ Default.class, AlertSettingsInput.Defaults.class }) AlertSettingsInput input,
			BindingResult validation, @RequestParam Map<String, String> submitted) {
		StoreRef store = installed(owner);
		if (validation.hasErrors()) {
			return form(DEFAULTS, submitted, refusals(validation), null, HttpStatus.BAD_REQUEST);
		}
		Changes changes = this.changes.saveDefaults(store, input.defaults());
		return form(DEFAULTS, input.values(), Map.of(), outcome("Saved.", changes), HttpStatus.OK);
	}

	@GetMapping("/settings/alerts/variants")
	ModelAndView search(@AuthenticationPrincipal StoreOwner owner, @RequestParam(defaultValue = "") String q) {
		return new ModelAndView(RESULTS, results(installed(owner), q.strip()));
	}

	@GetMapping("/settings/alerts/variants/{variantId}")
	ModelAndView variant(@AuthenticationPrincipal StoreOwner owner, @PathVariable long variantId) {
		StoreRef store = installed(owner);
		VariantStock variant = variant(store, variantId);
		AlertSettingsInput own = this.settings.variant(store.id(), variantId)
			.map(AlertSettingsInput::of)
			.orElseGet(() -> new AlertSettingsInput(null, null, null, null, false));
		ModelAndView form = variantForm(store, variant, own.values(), own.excluded(), Map.of(), null, HttpStatus.OK);
		// picked from the list: the form's first field takes the focus, so a keyboard goes on from there
		form.addObject("focus", AlertSettingsInput.FIELDS.get(0).name());
		return form;
	}

	@PostMapping("/settings/alerts/variants/{variantId}")
	ModelAndView saveVariant(@AuthenticationPrincipal StoreOwner owner, @PathVariable long variantId,
			@Validated AlertSettingsInput input, BindingResult validation,
			@RequestParam Map<String, String> submitted) {
		StoreRef store = installed(owner);
		VariantStock variant = variant(store, variantId);
		if (validation.hasErrors()) {
			return variantForm(store, variant, submitted, submitted.containsKey("excluded"), refusals(validation), null,
					HttpStatus.BAD_REQUEST);
		}
		Changes changes = this.changes.saveVariant(store, input.variant(variantId));
		return variantForm(store, variant, input.values(), input.excluded(), Map.of(), outcome("Saved.", changes),
				HttpStatus.OK);
	}

	@DeleteMapping("/settings/alerts/variants/{variantId}")
	ModelAndView resetVariant(@AuthenticationPrincipal StoreOwner owner, @PathVariable long variantId) {
		StoreRef store = installed(owner);
		VariantStock variant = variant(store, variantId);
		Changes changes = this.changes.resetVariant(store, variantId);
		return variantForm(store, variant, new AlertSettingsInput(null, null, null, null, false).values(), false,
				Map.of(), outcome("Back to the store's defaults.", changes), HttpStatus.OK);
	}

	private StoreRef installed(StoreOwner owner) {
		return this.stores.installed(owner.storeId())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private VariantStock variant(StoreRef store, long variantId) {
		return this.stock.variant(store.id(), variantId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/** The variants matching the text, each with what it has of its own: the list a variant is picked from. */
	private Map<String, Object> results(StoreRef store, String text) {
		Map<Long, VariantSetting> own = this.settings.variants(store.id());
		List<Choice> choices = this.stock.search(store.id(), text, RESULTS_SHOWN)
			.stream()
			.map((variant) -> new Choice(variant, tag(own.get(variant.variantId()))))
			.toList();
		return Map.of("query", text, "choices", choices);
	}

	private static String tag(VariantSetting own) {
		if (own == null) {
			return null;
		}
		return own.excluded() ? "Excluded" : "Own settings";
	}

	private ModelAndView variantForm(StoreRef store, VariantStock variant, Map<String, String> values,
			boolean excluded, Map<String, String> errors, String outcome, HttpStatus status) {
		ModelAndView form = form(VARIANT, values, errors, outcome, status);
		form.addObject("variant", variant);
		form.addObject("excluded", excluded);
		form.addObject("defaults", AlertSettingsInput.of(this.settings.defaults(store.id())).values());
		return form;
	}

	private static ModelAndView form(String view, Map<String, String> values, Map<String, String> errors,
			String outcome, HttpStatus status) {
		ModelMap model = new ModelMap().addAttribute("fields", AlertSettingsInput.FIELDS)
			.addAttribute("values", values)
			.addAttribute("errors", errors)
			.addAttribute("focus", errors.keySet().stream().findFirst().orElse(null));
		if (outcome != null) {
			model.addAttribute("outcome", outcome);
		}
		return new ModelAndView(view, model, status);
	}

	/**
	 * One sentence per wrong field, in the form's order, naming it: the field's rule, whatever broke it (left empty
	 * for a default, not a whole number, out of range), so the page and the API say the same.
	 */
	private static Map<String, String> refusals(BindingResult validation) {
		Map<String, String> refusals = new LinkedHashMap<>();
		for (Field field : AlertSettingsInput.FIELDS) {
			if (validation.hasFieldErrors(field.name())) {
				refusals.put(field.name(), field.refusal());
			}
		}
		return refusals;
	}

	/** What a save changed, in words: alerts fired and resolved by the evaluation it ran. */
	private static String outcome(String saved, Changes changes) {
		int fired = changes.fired().size();
		int resolved = changes.resolved().size();
		if (fired == 0 && resolved == 0) {
			return saved + " No alert changed.";
		}
		return saved + " Alerts changed: " + fired + " new, " + resolved + " resolved.";
	}

	/** A variant of the list, tagged with what it has of its own (public accessors, for the template). */
	record Choice(VariantStock variant, String tag) {

	}

}
