package com.metricsdash.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An alert as the API answers it and the live socket pushes it: CONTRACT.md's fields, then the numbers behind it.
 *
 * @param threshold the line crossed: units for {@code low_stock}, days of cover for {@code predicted_stockout}, the
 * reorder point in units for {@code reorder_point}
 * @param currentLevel available summed over locations, negative when oversold
 * @param velocity units sold a day over {@code inStockDays} of the last {@code velocityDays} days; {@code null} when
 * nothing sold ("no recent sales"), and then {@code daysOfCover} and {@code reorderPoint} are {@code null} too
 * @param velocityFallback whether the last 7 days had fewer than 3 days in stock, so that 28 days were read instead
 * @param lostRevenuePerDay velocity × price while out of stock or running out before a reorder would arrive, else
 * {@code null}
 */
public record Alert(UUID id, UUID storeId, long productId, long variantId, String productTitle, String variantTitle,
		String sku, String alertType, BigDecimal threshold, int currentLevel, String status, Instant createdAt,
		Instant resolvedAt, Instant acknowledgedAt, Integer unitsSold, BigDecimal velocity, Integer velocityDays,
		Integer inStockDays, boolean velocityFallback, BigDecimal daysOfCover, BigDecimal reorderPoint,
		BigDecimal lostRevenuePerDay) {
}
