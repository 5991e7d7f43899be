package com.metricsdash.sales;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code sales_hourly} and {@code sales_minutely} rollups: each bucket is the sum of the orders processed in its
 * local hour, or its minute, that count. The ledger keeps them so by adding to them the difference each applied version
 * makes ({@link OrderLedger}).
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
	 * Adds each hour's and each minute's change to its row, by store, a row not there yet starting from nothing; the
	 * hours and minutes whose orders and revenue are unchanged are not written.
	 */
	void add(Map<UUID, Changes> changes) {
		SqlParameterSource[] hours = rows(changes, Changes::hours, (bucket, row) -> row.addValue("date", bucket.date())
			.addValue("hour", bucket.hour()));
		if (hours.length > 0) {
			this.batches.batchUpdate("""
					insert into sales_hourly (store_id, local_date, local_hour, orders, revenue)
					values (:store, :date, :hour, :orders, :revenue)
					on conflict (store_id, local_date, local_hour) do update set
					    orders = sales_hourly.orders + excluded.orders,
					    revenue = sales_hourly.revenue + excluded.revenue""",
					hours);
		}
		SqlParameterSource[] minutes = rows(changes, Changes::minutes,
				(minute, row) -> row.addValue("minute", OrderRepository.timestamp(minute)));
		if (minutes.length > 0) {
			this.batches.batchUpdate("""
					insert into sales_minutely (store_id, minute, orders, revenue)
					values (:store, :minute, :orders, :revenue)
					on conflict (store_id, minute) do update set
					    orders = sales_minutely.orders + excluded.orders,
					    revenue = sales_minutely.revenue + excluded.revenue""",
					minutes);
		}
	}

	private static <K> SqlParameterSource[] rows(Map<UUID, Changes> changes, Function<Changes, Map<K, Change>> buckets,
			BiFunction<K, MapSqlParameterSource, MapSqlParameterSource> key) {
		return changes.entrySet()
			.stream()
			.flatMap((store) -> buckets.apply(store.getValue())
				.entrySet()
				.stream()
				.filter((change) -> !change.getValue().isNone())
				.map((change) -> key.apply(change.getKey(),
						new MapSqlParameterSource().addValue("store", store.getKey())
							.addValue("orders", change.getValue().orders())
							.addValue("revenue", change.getValue().revenue()))))
			.toArray(SqlParameterSource[]::new);
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
	 * Both days' hourly rollups, and what sold in each day's part that counts (neither test nor cancelled). Today's
	 * part runs from now to the hour's end and holds only orders processed in the future, read one by one; the
	 * comparison day's, its hour so far, is read from its minutes' rollups but for the minute it ends in, whose orders
	 * are read one by one, so a read costs the same however busy that hour was. One statement, so that every figure
	 * comes from the same snapshot.
	 */
	List<SalesTotals.DaySales> twoDays(UUID storeId, SalesTotals.DayPart today, SalesTotals.DayPart comparison) {
		List<List<HourTotal>> hours = List.of(zeroHours(), zeroHours());
		DayTotal[] parts = { new DayTotal(0, NONE), new DayTotal(0, NONE) };
		Instant minutesEnd = minutesEnd(comparison);
		this.jdbc.sql("""
				select 0 as day, local_hour, orders, revenue from sales_hourly
				where store_id = :store and local_date = :today
				union all
				select 1, local_hour, orders, revenue from sales_hourly
				where store_id = :store and local_date = :comparisonDay
				union all
				select 0, null, count(*), sum(total_price) from shop_order
				where store_id = :store and processed_at >= :todayStart and processed_at < :todayEnd
				    and not test and cancelled_at is null
				union all
				select 1, null, sum(orders), sum(revenue) from sales_minutely
				where store_id = :store and minute >= :comparisonStart and minute < :minutesEnd
				union all
				select 1, null, count(*), sum(total_price) from shop_order
				where store_id = :store and processed_at >= :minutesEnd and processed_at < :comparisonEnd
				    and not test and cancelled_at is null""")
			.param("store", storeId)
			.param("today", today.date())
			.param("comparisonDay", comparison.date())
			.param("todayStart", OrderRepository.timestamp(today.partialStart()))
			.param("todayEnd", OrderRepository.timestamp(today.end()))
			.param("comparisonStart", OrderRepository.timestamp(comparison.partialStart()))
			.param("minutesEnd", OrderRepository.timestamp(minutesEnd))
			.param("comparisonEnd", OrderRepository.timestamp(comparison.end()))
			.query((row) -> {
				int day = row.getInt("day");
				int hour = row.getInt("local_hour");
				if (row.wasNull()) {
					BigDecimal revenue = row.getBigDecimal("revenue");
					if (revenue != null) {
						parts[day] = new DayTotal(parts[day].orders() + row.getLong("orders"),
								parts[day].revenue().add(revenue));
					}
				}
				else {
					hours.get(day).set(hour, new HourTotal(hour, row.getLong("orders"), row.getBigDecimal("revenue")));
				}
			});
		return List.of(new SalesTotals.DaySales(hours.get(0), parts[0]),
				new SalesTotals.DaySales(hours.get(1), parts[1]));
	}

	/**
	 * Where the part's whole minutes end and its orders read one by one begin: the start of the minute the part ends
	 * in. A part that does not start on a whole minute (every timezone's hours do today) is read from its orders
	 * alone.
	 */
	private static Instant minutesEnd(SalesTotals.DayPart part) {
		Instant start = part.partialStart();
		Instant lastMinute = part.end().truncatedTo(ChronoUnit.MINUTES);
		return (start.equals(start.truncatedTo(ChronoUnit.MINUTES)) && lastMinute.isAfter(start)) ? lastMinute : start;
	}

	private static List<HourTotal> zeroHours() {
		List<HourTotal> hours = new ArrayList<>(24);
		for (int hour = 0; hour < 24; hour++) {
			hours.add(new HourTotal(hour, 0, NONE));
		}
		return hours;
	}

	/**
	 * What applied versions change of a store's sales, by local hour and by minute; minutes are UTC ones, on which
	 * every timezone's local hours start.
	 */
	record Changes(Map<HourBucket, Change> hours, Map<Instant, Change> minutes) {

		Changes() {
			this(new HashMap<>(), new HashMap<>());
		}

		/** Adds the change to the hour and the minute of {@code processedAt}. */
		void add(Instant processedAt, ZoneId zone, Change change) {
			this.hours.merge(HourBucket.of(processedAt, zone), change, Change::plus);
			this.minutes.merge(processedAt.truncatedTo(ChronoUnit.MINUTES), change, Change::plus);
		}

	}

	/** A change of an hour's or a minute's orders and revenue, either way. */
	record Change(long orders, BigDecimal revenue) {

		Change plus(Change other) {
			return new Change(this.orders + other.orders, this.revenue.add(other.revenue));
		}

		boolean isNone() {
			return this.orders == 0 && this.revenue.signum() == 0;
		}

	}

}
