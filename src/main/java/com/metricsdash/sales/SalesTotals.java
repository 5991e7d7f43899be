package com.metricsdash.sales;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A store's sales by local day and hour, read from the hourly rollups, so a read costs the same at ten orders or ten
 * million. Days are the shop's local days; an order counts on the day of its {@code processed_at} when it is neither a
 * test nor cancelled, and revenue is the sum of {@code total_price} (gross, in the shop's currency).
 */
@Service
public class SalesTotals {

	private final SalesRollups rollups;

	private final OrderRepository orders;

	SalesTotals(SalesRollups rollups, OrderRepository orders) {
		this.rollups = rollups;
		this.orders = orders;
	}

	/** Every local day from {@code from} to {@code to}, both included; days without sales are zero. */
	@Transactional(readOnly = true)
	public SortedMap<LocalDate, DayTotal> daily(UUID storeId, LocalDate from, LocalDate to) {
		return this.rollups.daily(storeId, from, to);
	}

	/** The 24 local hours of a day, midnight first; hours without sales are zero. */
	@Transactional(readOnly = true)
	public List<HourTotal> hourly(UUID storeId, LocalDate day) {
		return this.rollups.hourly(storeId, day);
	}

	/**
	 * The sales of {@code [from, to)}, read from the orders rather than the rollups, so its cost grows with the orders
	 * in the span: for the part of an hour that the hourly rollups cannot answer, never for whole days.
	 */
	@Transactional(readOnly = true)
	public DayTotal between(UUID storeId, Instant from, Instant to) {
		return this.orders.sold(storeId, from, to);
	}

}
