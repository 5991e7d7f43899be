package com.metricsdash.sales;

import java.math.BigDecimal;

/**
 * One local hour's sales of a store; on the day clocks fall back, the repeated hour holds both of its occurrences.
 *
 * @param hour the local hour, 0 to 23
 * @param revenue as in {@link DayTotal#revenue()}
 */
public record HourTotal(int hour, long orders, BigDecimal revenue) {
}
