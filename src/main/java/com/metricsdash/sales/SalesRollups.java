package com.metricsdash.sales;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code sales_hourly} rollups: each bucket is the sum of the orders processed in its local hour that count. The
 * ledger keeps it so by adding to it the difference each applied version makes ({@link OrderLedger}).
 */
@Repository
class SalesRollups {

	/** Nothing sold, with the four decimals that money is stored with, like every other amount read here. */
	private static final BigDecimal NONE = new BigDecimal("0.0000");

	private final JdbcClient jdbc;

	private final NamedParameterJdbcOperations batches;

	SalesRollups(JdbcClient jdbc, NamedParameterJdbcOperations batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	/**
	 * Adds each hour's change to its bucket, by store, a bucket not there yet starting from nothing; the hours whose
	 * orders and revenue are unchanged are not written.
	 */
	void add(Map<UUID, Map<HourBucket, Change>> changes) {
		SqlParameterSource[] rows = changes.entrySet()
			.stream()
			.flatMap((store) -> store.getValue()
				.entrySet()
				.stream()
				.filter((change) -> !change.getValue().isNone())
				.map((change) -> new MapSqlParameterSource().addValue("store", store.getKey())
					.addValue("date", change.getKey().date())
					.addValue("hour", change.getKey().hour())
					.addValue("orders", change.getValue().orders())
					.addValue("revenue", change.getValue().revenue())))
			.toArray(SqlParameterSource[]::new);
		if (rows.length > 0) {
			this.batches.batchUpdate("""
					insert into sales_hourly (store_id, local_date, local_hour, orders, revenue)
					values (:store, :date, :hour, :orders, :revenue)
					on conflict (store_id, local_date, local_hour) do update set
					    orders = sales_hourly.orders + excluded.orders,
					    revenue = sales_hourly.revenue + excluded.revenue""",
					rows);
		}
	}

	/** Every day from {@code from} to {@code to} (both included), zero where nothing sold. */
	SortedMap<LocalDate, DayTotal> daily(UUID storeId, LocalDate from, LocalDate to) {
		SortedMap<LocalDate, DayTotal> days = new TreeMap<>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			days.put(day, new DayTotal(0, NONE));
		}
		this.jdbc.sql("""
				select local_date, sum(orders) as orders, sum(revenue) as revenue from sales_hourly
				where store_id = :store and local_date between :from and :to
				group by local_date""")
			.param("store", storeId)
			.param("from", from)
			.param("to", to)
			.query((row) -> {
				days.put(row.getObject("local_date", LocalDate.class),
						new DayTotal(row.getLong("orders"), row.getBigDecimal("revenue")));
			});
		return days;
	}

	/**
	 * Both days' hourly rollups, and the orders that count (neither test nor cancelled) processed in each day's part:
	 * one statement, so that every figure comes from the same snapshot. A part is meant to be shorter than an hour,
	 * which the rollups cannot answer.
	 */
	List<SalesTotals.DaySales> twoDays(UUID storeId, SalesTotals.DayPart first, SalesTotals.DayPart second) {
		List<List<HourTotal>> hours = List.of(zeroHours(), zeroHours());
		DayTotal[] parts = new DayTotal[2];
		this.jdbc.sql("""
				select 0 as day, local_hour, orders, revenue from sales_hourly
				where store_id = :store and local_date = :firstDate
				union all
				select 1, local_hour, orders, revenue from sales_hourly
				where store_id = :store and local_date = :secondDate
				union all
				select 0, null, count(*), coalesce(sum(total_price), 0.0000) from shop_order
				where store_id = :store and processed_at >= :firstStart and processed_at < :firstEnd
				    and not test and cancelled_at is null
				union all
				select 1, null, count(*), coalesce(sum(total_price), 0.0000) from shop_order
				where store_id = :store and processed_at >= :secondStart and processed_at < :secondEnd
				    and not test and cancelled_at is null""")
			.param("store", storeId)
			.param("firstDate", first.date())
			.param("secondDate", second.date())
			.param("firstStart", OrderRepository.timestamp(first.partialStart()))
			.param("firstEnd", OrderRepository.timestamp(first.end()))
			.param("secondStart", OrderRepository.timestamp(second.partialStart()))
			.param("secondEnd", OrderRepository.timestamp(second.end()))
			.query((row) -> {
				int day = row.getInt("day");
				int hour = row.getInt("local_hour");
				if (row.wasNull()) {
					parts[day] = new DayTotal(row.getLong("orders"), row.getBigDecimal("revenue"));
				}
				else {
					hours.get(day).set(hour, new HourTotal(hour, row.getLong("orders"), row.getBigDecimal("revenue")));
				}
			});
		return List.of(new SalesTotals.DaySales(hours.get(0), parts[0]),
				new SalesTotals.DaySales(hours.get(1), parts[1]));
	}

	private static List<HourTotal> zeroHours() {
		List<HourTotal> hours = new ArrayList<>(24);
		for (int hour = 0; hour < 24; hour++) {
			hours.add(new HourTotal(hour, 0, NONE));
		}
		return hours;
	}

	/** A change of an hour's orders and revenue, either way. */
	record Change(long orders, BigDecimal revenue) {

		Change plus(Change other) {
			return new Change(this.orders + other.orders, this.revenue.add(other.revenue));
		}

		boolean isNone() {
			return this.orders == 0 && this.revenue.signum() == 0;
		}

	}

}
