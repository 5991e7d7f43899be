package com.metricsdash.alerts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.metricsdash.shop.StoreRef;
import com.metricsdash.system.Money;

/**
 * One alert as the alerts page shows it, its sentences worked out here rather than in the template, so that every
 * list (the page, its refresh, an acknowledged row) words an alert the same way: why it fired, with its numbers, what
 * it costs, and where it stands.
 *
 * @param reason the level against the line it crossed, e.g. {@code 4 units available, below the threshold of 10.}
 * @param sales the velocity behind it, or that nothing sold, and the window it was read over
 * @param lost the revenue lost a day, {@code null} when none is
 * @param age when it fired, was acknowledged or resolved, e.g. {@code resolved 3 h ago}
 * @param adminUrl the variant in the Shopify admin
 * Public, for the digest module, which words alerts in its mail as the page does.
 */
public record AlertCard(UUID id, String status, String statusLabel, String type, String typeLabel, String product,
		String variant, String sku, String reason, String sales, String lost, Instant at, String age, String adminUrl) {

	static AlertCard of(Alert alert, StoreRef store, Instant now) {
		AlertStatus status = AlertStatus.ofValue(alert.status()).orElseThrow();
		AlertType type = AlertType.ofValue(alert.alertType()).orElseThrow();
		Instant at = switch (status) {
			case ACTIVE -> alert.createdAt();
			case ACKNOWLEDGED -> alert.acknowledgedAt();
			case RESOLVED -> alert.resolvedAt();
		};
		String verb = switch (status) {
			case ACTIVE -> "fired";
			case ACKNOWLEDGED -> "acknowledged";
			case RESOLVED -> "resolved";
		};
		String lost = (alert.lostRevenuePerDay() != null)
				? "Losing about " + Money.format(alert.lostRevenuePerDay(), store.currency()) + " a day in sales." : null;
		return new AlertCard(alert.id(), status.value(), status.label(), type.value(), type.label(),
				alert.productTitle(), alert.variantTitle(), alert.sku(), reason(alert, type), sales(alert), lost, at,
				verb + " " + ago(Duration.between(at, now)),
				"https://admin.shopify.com/store/" + store.shop().handle() + "/products/" + alert.productId()
						+ "/variants/" + alert.variantId());
	}

	private static String reason(Alert alert, AlertType type) {
		String available = units(BigDecimal.valueOf(alert.currentLevel())) + " available";
		return switch (type) {
			case LOW_STOCK -> available + ", below the threshold of " + number(alert.threshold()) + ".";
			case PREDICTED_STOCKOUT -> days(alert.daysOfCover()) + " of cover (" + available + "), under the "
					+ number(alert.threshold()) + "-day horizon.";
			case REORDER_POINT -> available + ", at or below the reorder point of " + number(alert.threshold()) + ".";
		};
	}

	/** The velocity and its window, saying so when the last 7 days had too few days in stock to go by. */
	private static String sales(Alert alert) {
		int window = alert.velocityFallback() ? Assessment.FALLBACK_DAYS : Assessment.RECENT_DAYS;
		String fallback = alert.velocityFallback() ? ", since fewer than " + Assessment.MIN_IN_STOCK_DAYS + " of the last "
				+ Assessment.RECENT_DAYS + " days were in stock" : "";
		if (alert.velocity() == null) {
			return "No recent sales in the last " + window + " days" + fallback + ".";
		}
		return "Sells " + number(alert.velocity().setScale(2, RoundingMode.HALF_UP)) + " a day: "
				+ units(BigDecimal.valueOf(alert.unitsSold())) + " sold over " + days(BigDecimal.valueOf(alert.inStockDays()))
				+ " in stock in the last " + window + " days" + fallback + ".";
	}

	private static String ago(Duration age) {
		if (age.toMinutes() < 1) {
			return "just now";
		}
		if (age.toHours() < 1) {
			return age.toMinutes() + " min ago";
		}
		if (age.toDays() < 1) {
			return age.toHours() + " h ago";
		}
		return (age.toDays() == 1) ? "1 day ago" : age.toDays() + " days ago";
	}

	private static String units(BigDecimal count) {
		return number(count) + ((count.compareTo(BigDecimal.ONE) == 0) ? " unit" : " units");
	}

	private static String days(BigDecimal count) {
		return number(count) + ((count.compareTo(BigDecimal.ONE) == 0) ? " day" : " days");
	}

	/** 10 rather than 10.0, 2.5 as it is. */
	private static String number(BigDecimal value) {
		BigDecimal stripped = value.stripTrailingZeros();
		return ((stripped.scale() < 0) ? stripped.setScale(0) : stripped).toPlainString();
	}

}
