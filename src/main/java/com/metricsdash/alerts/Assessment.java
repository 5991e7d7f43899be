package com.metricsdash.alerts;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.metricsdash.inventory.VariantSales;

/**
 * One variant judged by its settings: its sales velocity and what follows from it, and whether each alert's condition
 * holds or has cleared.
 * <p>
 * Velocity is the units sold over the last {@value #RECENT_DAYS} local days divided by the days of them the variant
 * was in stock (or sold); with fewer than {@value #MIN_IN_STOCK_DAYS} such days it falls back to the last
 * {@value #FALLBACK_DAYS} days and says so. Without sales there is no velocity ("no recent sales"), and then no days
 * of cover and no reorder point either: never an infinity. Days of cover = available ÷ velocity, rounded down, and 0
 * for a variant with nothing available (oversold stock stays as Shopify reports it, negative). Reorder point =
 * velocity × (lead time + safety stock days). Revenue is lost, velocity × price a day, while the variant is out of
 * stock or will be before a reorder placed now arrives (days of cover below the lead time).
 * <p>
 * Hysteresis: a condition holds past its line and clears only a margin beyond it, {@value #MARGIN_PERCENT} % of the
 * line and at least {@value #MIN_UNITS_MARGIN} units or {@value #MIN_DAYS_MARGIN} day, so stock bouncing around a
 * line keeps its one alert open instead of firing again each time it dips.
 */
record Assessment(VariantSales variant, AlertSettings settings, boolean fallback, long unitsSold, int inStockDays,
		BigDecimal velocity, BigDecimal daysOfCover, BigDecimal reorderPoint, BigDecimal lostRevenuePerDay) {

	static final int RECENT_DAYS = 7;

	static final int FALLBACK_DAYS = 28;

	static final int MIN_IN_STOCK_DAYS = 3;

	static final int MARGIN_PERCENT = 20;

	static final int MIN_UNITS_MARGIN = 2;

	static final int MIN_DAYS_MARGIN = 1;

	static Assessment of(VariantSales variant, AlertSettings settings) {
		boolean fallback = variant.windowDays() > RECENT_DAYS;
		long units = variant.units();
		int days = variant.inStockDays();
		if (units <= 0 || days <= 0) {
			return new Assessment(variant, settings, fallback, Math.max(units, 0), days, null, null, null, null);
		}
		BigDecimal sold = BigDecimal.valueOf(units);
		BigDecimal perDay = BigDecimal.valueOf(days);
		BigDecimal cover = BigDecimal.valueOf(Math.max(variant.available(), 0) * (long) days)
			.divide(sold, 1, RoundingMode.DOWN);
		BigDecimal reorderPoint = sold.multiply(BigDecimal.valueOf(settings.leadTimeDays() + settings.safetyStockDays()))
			.divide(perDay, 1, RoundingMode.HALF_UP);
		boolean losing = variant.available() <= 0 || cover.compareTo(BigDecimal.valueOf(settings.leadTimeDays())) < 0;
		BigDecimal lost = (losing && variant.price() != null)
				? sold.multiply(variant.price()).divide(perDay, 2, RoundingMode.HALF_UP) : null;
		return new Assessment(variant, settings, fallback, units, days, sold.divide(perDay, 4, RoundingMode.HALF_UP),
				cover, reorderPoint, lost);
	}

	int windowDays() {
		return this.variant.windowDays();
	}

	int available() {
		return this.variant.available();
	}

	/** The line an alert of this type crosses: units for low stock and reorder point, days for a stockout. */
	BigDecimal line(AlertType type) {
		return switch (type) {
			case LOW_STOCK -> BigDecimal.valueOf(this.settings.threshold());
			case PREDICTED_STOCKOUT -> BigDecimal.valueOf(this.settings.horizonDays());
			case REORDER_POINT -> this.reorderPoint;
		};
	}

	/** Whether the type's condition holds: the alert fires if none of its type is open for the variant. */
	boolean holds(AlertType type) {
		BigDecimal available = BigDecimal.valueOf(available());
		return switch (type) {
			case LOW_STOCK -> available.compareTo(line(type)) < 0;
			case PREDICTED_STOCKOUT -> this.daysOfCover != null && this.daysOfCover.compareTo(line(type)) < 0;
			case REORDER_POINT -> this.reorderPoint != null && available.compareTo(line(type)) <= 0;
		};
	}

	/** Whether the type's condition has cleared by the margin: an open alert of the type resolves. */
	boolean cleared(AlertType type) {
		BigDecimal available = BigDecimal.valueOf(available());
		return switch (type) {
			case LOW_STOCK -> available.compareTo(beyond(line(type), MIN_UNITS_MARGIN)) >= 0;
			case PREDICTED_STOCKOUT -> this.daysOfCover == null
					|| this.daysOfCover.compareTo(beyond(line(type), MIN_DAYS_MARGIN)) >= 0;
			case REORDER_POINT -> this.reorderPoint == null
					|| available.compareTo(beyond(line(type), MIN_UNITS_MARGIN)) >= 0;
		};
	}

	private static BigDecimal beyond(BigDecimal line, int minimum) {
		BigDecimal margin = line.multiply(BigDecimal.valueOf(MARGIN_PERCENT)).movePointLeft(2);
		return line.add(margin.max(BigDecimal.valueOf(minimum)));
	}

}
