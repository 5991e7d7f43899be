package com.metricsdash.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SortedMap;

import com.metricsdash.sales.DayTotal;
import com.metricsdash.sales.SalesTotals;
import com.metricsdash.shop.StoreRef;

import org.springframework.stereotype.Service;

/**
 * Whole days of a store's sales against their comparison days, from the daily rollups, with the comparison the store
 * chose for its dashboard, so that a report and the dashboard compare with the same day.
 */
@Service
public class DayReports {

	private final SalesTotals sales;

	private final SettingsRepository settings;

	DayReports(SalesTotals sales, SettingsRepository settings) {
		this.sales = sales;
		this.settings = settings;
	}

	/** The local day before the one {@code at} falls on, in the shop's timezone, against its comparison day. */
	public DayReport dayBefore(StoreRef store, Instant at) {
		LocalDate day = LocalDate.ofInstant(at, store.zone()).minusDays(1);
		Comparison comparison = this.settings.of(store.id()).comparison();
		LocalDate comparisonDay = comparison.dayFor(day);
		SortedMap<LocalDate, DayTotal> days = this.sales.daily(store.id(), comparisonDay, day);
		DayTotal sold = days.get(day);
		DayTotal before = days.get(comparisonDay);
		return new DayReport(day, comparisonDay, comparison,
				Figure.compare(BigDecimal.valueOf(sold.orders()), BigDecimal.valueOf(before.orders())),
				Figure.compare(money(sold.revenue()), money(before.revenue())));
	}

	private static BigDecimal money(BigDecimal amount) {
		return amount.setScale(2, RoundingMode.HALF_UP);
	}

}
