package com.metricsdash.sales;

import java.math.BigDecimal;

/**
 * One local day's sales of a store, or those of a shorter span of it.
 *
 * @param orders the orders that count (neither test nor cancelled), by the local day of their {@code processed_at}
 * @param revenue the sum of their {@code total_price} in the shop's currency, with the four decimals money is stored
 * with
 */
public record DayTotal(long orders, BigDecimal revenue) {
}
