package com.metricsdash.alerts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import com.metricsdash.alerts.AlertSettingsRepository.VariantSetting;
import com.metricsdash.system.ApiProblem;
import com.metricsdash.system.WholeNumber;

import com.fasterxml.jackson.annotation.JsonAnySetter;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Alert settings as the settings page or an API client submits them, so that both refuse the same values with the
 * same words: the store's defaults (validated with {@link Defaults}: every figure required) or a variant's own (a
 * missing figure follows the store's default), and for a variant whether it is excluded from alerts. Each figure is
 * a whole number in a range a merchant could mean; a negative, fractional or absurd one names its field. Not
 * excluded unless said so: an unticked box sends nothing, and an API client need not send it.
 */
record AlertSettingsInput(
		@NotNull(groups = Defaults.class, message = THRESHOLD) @Min(value = 0, message = THRESHOLD)
		@Max(value = 1_000_000, message = THRESHOLD) @JsonDeserialize(using = WholeNumber.class) Integer lowStockThreshold,
		@NotNull(groups = Defaults.class, message = LEAD_TIME) @Min(value = 0, message = LEAD_TIME)
		@Max(value = 365, message = LEAD_TIME) @JsonDeserialize(using = WholeNumber.class) Integer leadTimeDays,
		@NotNull(groups = Defaults.class, message = SAFETY_STOCK) @Min(value = 0, message = SAFETY_STOCK)
		@Max(value = 365, message = SAFETY_STOCK) @JsonDeserialize(using = WholeNumber.class) Integer safetyStockDays,
		@NotNull(groups = Defaults.class, message = HORIZON) @Min(value = 1, message = HORIZON)
		@Max(value = 365, message = HORIZON) @JsonDeserialize(using = WholeNumber.class) Integer stockoutHorizonDays,
		Boolean excluded) {

	/**
	 * A field an API client sends that is none of these is refused, not ignored: a misspelt figure would otherwise
	 * quietly follow the default. Forms are bound without Jackson and never get here.
	 */
	@JsonAnySetter
	void unknownField(String field, Object value) {
		throw ApiProblem.invalidField(field, "is not a field of this request");
	}

	static final String THRESHOLD = "must be a whole number of units from 0 to 1,000,000";

	static final String LEAD_TIME = "must be a whole number of days from 0 to 365";

	static final String SAFETY_STOCK = "must be a whole number of days from 0 to 365";

	static final String HORIZON = "must be a whole number of days from 1 to 365";

	/** The figures as the settings page shows them, in order, each with the rule every wrong value of it breaks. */
	static final List<Field> FIELDS = List.of(
			new Field("lowStockThreshold", "Low-stock threshold", "Alert when fewer units than this are available, "
					+ "summed over locations.", 0, 1_000_000, THRESHOLD),
			new Field("leadTimeDays", "Lead time", "Days from placing a reorder to having the stock.", 0, 365,
					LEAD_TIME),
			new Field("safetyStockDays", "Safety stock", "Days of sales to keep on top of the lead time's; with it, "
					+ "sets the reorder point.", 0, 365, SAFETY_STOCK),
			new Field("stockoutHorizonDays", "Stockout horizon", "Alert when stock will run out within this many days.",
					1, 365, HORIZON));

	AlertSettingsInput {
		excluded = Boolean.TRUE.equals(excluded);
	}

	static AlertSettingsInput of(AlertSettings settings) {
		return new AlertSettingsInput(settings.threshold(), settings.leadTimeDays(), settings.safetyStockDays(),
				settings.horizonDays(), false);
	}

	static AlertSettingsInput of(VariantSetting setting) {
		return new AlertSettingsInput(setting.lowStockThreshold(), setting.reorderLeadTimeDays(),
				setting.safetyStockDays(), setting.stockoutHorizonDays(), setting.excluded());
	}

	/** The store's defaults; only once validated with {@link Defaults}, which requires every figure. */
	AlertSettings defaults() {
		return new AlertSettings(this.lowStockThreshold, this.stockoutHorizonDays, this.leadTimeDays,
				this.safetyStockDays);
	}

	VariantSetting variant(long variantId) {
		return new VariantSetting(variantId, this.lowStockThreshold, this.stockoutHorizonDays, this.leadTimeDays,
				this.safetyStockDays, this.excluded);
	}

	/** The figures by field name, as a form shows them (blank for none). */
	Map<String, String> values() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("lowStockThreshold", text(this.lowStockThreshold));
		values.put("leadTimeDays", text(this.leadTimeDays));
		values.put("safetyStockDays", text(this.safetyStockDays));
		values.put("stockoutHorizonDays", text(this.stockoutHorizonDays));
		return values;
	}

	private static String text(Integer figure) {
		return (figure != null) ? figure.toString() : "";
	}

	/** The validation group of a store's defaults, where a figure cannot be left to a default. */
	interface Defaults {

	}

	/** One figure of the form (public accessors, for the template). */
	record Field(String name, String label, String hint, int min, int max, String rule) {

		/** The sentence a form shows for any wrong value of this field: missing, not a whole number, out of range. */
		String refusal() {
			return this.label + " " + this.rule + ".";
		}

	}

}
