package com.metricsdash.sales;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;

/**
 * Where one version of an order stands in the order's life, to tell the later of two versions. Shopify's
 * {@code updated_at} comes to the second, so an order placed and cancelled, or placed and refunded, within one second
 * gives two versions of the same time: then the one further along wins, cancelled over not cancelled, and less left to
 * pay ({@code current_total_price}, which refunds lower) over more. Versions equal in all three are the same version.
 */
record OrderVersion(Instant updatedAt, boolean cancelled, BigDecimal currentTotalPrice) {

	private static final Comparator<OrderVersion> LIFE = Comparator.comparing(OrderVersion::updatedAt)
		.thenComparing(OrderVersion::cancelled)
		.thenComparing(OrderVersion::currentTotalPrice, Comparator.nullsFirst(Comparator.reverseOrder()));

	boolean isAfter(OrderVersion other) {
		return LIFE.compare(this, other) > 0;
	}

}
