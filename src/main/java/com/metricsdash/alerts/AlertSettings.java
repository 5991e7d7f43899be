package com.metricsdash.alerts;

/**
 * The figures alerts are judged by, the store's defaults or a variant's own.
 *
 * @param threshold low stock is available below this many units
 * @param horizonDays a predicted stockout is fewer days of cover than this
 * @param leadTimeDays how long a reorder takes to arrive
 * @param safetyStockDays the safety stock, in days of sales velocity, on top of the lead time's
 */
record AlertSettings(int threshold, int horizonDays, int leadTimeDays, int safetyStockDays) {

	/** The product's defaults, which are also the table's. */
	static final AlertSettings DEFAULTS = new AlertSettings(10, 14, 7, 3);

	/** These settings with a variant's overrides, each {@code null} figure left as it is. */
	AlertSettings with(Integer threshold, Integer horizonDays, Integer leadTimeDays, Integer safetyStockDays) {
		return new AlertSettings((threshold != null) ? threshold : this.threshold,
				(horizonDays != null) ? horizonDays : this.horizonDays,
				(leadTimeDays != null) ? leadTimeDays : this.leadTimeDays,
				(safetyStockDays != null) ? safetyStockDays : this.safetyStockDays);
	}

}
