package com.metricsdash.sales;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A refund of an order; it may arrive before the order itself, so it names the order only by id.
 *
 * @param amount the money returned, the sum of the refund's successful refund transactions
 */
public record RefundSnapshot(long id, long orderId, BigDecimal amount, Instant processedAt) {
}
