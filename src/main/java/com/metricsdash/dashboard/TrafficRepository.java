package com.metricsdash.dashboard;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Storefront sessions per local hour ({@code traffic_hourly}), the denominator of the conversion rate. A day without
 * any recorded hour has unknown traffic rather than none, so that no conversion is shown instead of a false one.
 * <p>
 * Each hour may hold two figures, one per {@code source}: what the store posted through the traffic API
 * and what was imported from Shopify's analytics. They count the same visits, so they are never added: an hour counts
 * Shopify's figure when it has one, and the posted figure otherwise.
 */
@Repository
class TrafficRepository {

	/** The first key of this module's advisory locks, the second being the store's. */
	private static final int IMPORT_LOCK_NAMESPACE = 0x7AF1C;

	private final JdbcClient jdbc;

	private final NamedParameterJdbcOperations batches;

	TrafficRepository(JdbcClient jdbc, NamedParameterJdbcOperations batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	/**
	 * The sessions of each day's first {@code hours} local hours, each hour from its preferred source; empty for a day
	 * none of whose hours has a record. Both days in one statement.
	 */
	List<Optional<Long>> sessions(UUID storeId, DayHours first, DayHours second) {
		return this.jdbc.sql("""
				select count(preferred.sessions) as recorded, coalesce(sum(preferred.sessions), 0) as sessions
				from (values (0, cast(:firstDate as date), cast(:firstHours as integer)),
				             (1, cast(:secondDate as date), cast(:secondHours as integer))) as asked (n, day, hours)
				left join lateral (
				    select distinct on (local_hour) sessions from traffic_hourly
				    where store_id = :store and local_date = asked.day and local_hour < asked.hours
				    order by local_hour, (source = 'SHOPIFY') desc) preferred on true
				group by asked.n order by asked.n""")
			.param("store", storeId)
			.param("firstDate", first.date())
			.param("firstHours", first.hours())
			.param("secondDate", second.date())
			.param("secondHours", second.hours())
			.query((row, number) -> (row.getLong("recorded") > 0) ? Optional.of(row.getLong("sessions"))
					: Optional.<Long>empty())
			.list();
	}

	/** A local day's first {@code hours} hours. */
	record DayHours(LocalDate date, int hours) {
	}

	/**
	 * Adds posted sessions to a local hour, which need not have been recorded yet; returns the hour's posted total, or
	 * empty, changing nothing, when that total would exceed {@code max} (summed as {@code bigint}, so that it is
	 * refused rather than overflowing the column).
	 */
	Optional<Integer> add(UUID storeId, LocalDate day, int hour, int sessions, int max) {
		return this.jdbc.sql("""
				insert into traffic_hourly (store_id, local_date, local_hour, source, sessions)
				values (:store, :day, :hour, 'API', :sessions)
				on conflict (store_id, local_date, local_hour, source)
				do update set sessions = traffic_hourly.sessions + excluded.sessions
				where cast(traffic_hourly.sessions as bigint) + excluded.sessions <= :max
				returning sessions""")
			.param("store", storeId)
			.param("day", day)
			.param("hour", hour)
			.param("sessions", sessions)
			.param("max", max)
			.query(Integer.class)
			.optional();
	}

	/**
	 * Replaces the Shopify figures of the days {@code from} to {@code to} by {@code sessions} (local hour to count;
	 * hours absent had none), so that importing the same days again leaves the same rows. Runs in the caller's
	 * transaction, holding the store's import lock until it ends, so that two imports at once (the one after the
	 * initial sync and a scheduled pass) follow one another instead of inserting the same hour twice.
	 */
	void replaceImported(UUID storeId, LocalDate from, LocalDate to, Map<LocalDateTime, Long> sessions) {
		this.jdbc.sql("select pg_advisory_xact_lock(:namespace, hashtext(cast(:store as text)))")
			.param("namespace", IMPORT_LOCK_NAMESPACE)
			.param("store", storeId)
			.query()
			.listOfRows();
		this.jdbc.sql("""
				delete from traffic_hourly
				where store_id = :store and source = 'SHOPIFY' and local_date between :from and :to""")
			.param("store", storeId)
			.param("from", from)
			.param("to", to)
			.update();
		this.batches.batchUpdate("""
				insert into traffic_hourly (store_id, local_date, local_hour, source, sessions)
				values (:store, :day, :hour, 'SHOPIFY', :sessions)""", sessions.entrySet()
			.stream()
			.map((hour) -> new MapSqlParameterSource().addValue("store", storeId)
				.addValue("day", hour.getKey().toLocalDate())
				.addValue("hour", hour.getKey().getHour())
				.addValue("sessions", Math.toIntExact(hour.getValue())))
			.toArray(SqlParameterSource[]::new));
	}

	/** Whether any Shopify figure is stored for the store from {@code since} on. */
	boolean importedSince(UUID storeId, LocalDate since) {
		return this.jdbc.sql("""
				select exists (select 1 from traffic_hourly
				               where store_id = :store and source = 'SHOPIFY' and local_date >= :since)""")
			.param("store", storeId)
			.param("since", since)
			.query(Boolean.class)
			.single();
	}

}
