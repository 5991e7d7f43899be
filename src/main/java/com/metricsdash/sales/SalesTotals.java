package com.metricsdash.sales;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * A store's sales by local day and hour, read from the rollups of its hours and minutes, so a read costs the same at
 * ten orders or ten million. Days are the shop's local days; an order counts on the day of its {@code processed_at} when it is neither a
 * test nor cancelled, and revenue is the sum of {@code total_price} (gross, in the shop's currency). Every read is one
 * statement, which sees one snapshot of the data by itself, so none needs a transaction of its own.
 */
@Service
public class SalesTotals {

	private final SalesRollups rollups;

	SalesTotals(SalesRollups rollups) {
		this.rollups = rollups;
	}

	/** Every local day from {@code from} to {@code to}, both included; days without sales are zero. */
	public SortedMap<LocalDate, DayTotal> daily(UUID storeId, LocalDate from, LocalDate to) {
		return this.rollups.daily(storeId, from, to);
	}

	/**
	 * What a dashboard compares: for today and a comparison day, their 24 hours from the rollups and what sold in
	 * {@code [partialStart, end)} of each, the minutes of an hour that the hourly rollups cannot split: today's (now to
	 * the hour's end, orders processed in the future) from its orders, the comparison day's (its hour so far) from the
	 * rollups of its minutes and the orders of its last, unfinished one. Read in one statement, so from one snapshot of
	 * the ledger and in one round trip.
	 */
	public List<DaySales> twoDays(UUID storeId, DayPart today, DayPart comparison) {
		return this.rollups.twoDays(storeId, today, comparison);
	}

	/** A local day and a span of it shorter than an hour. */
	public record DayPart(LocalDate date, Instant partialStart, Instant end) {
	}

	/**
	 * A day's sales by local hour, midnight first (zero where nothing sold), and those of its part.
	 */
	public record DaySales(List<HourTotal> hours, DayTotal part) {
	}

}
