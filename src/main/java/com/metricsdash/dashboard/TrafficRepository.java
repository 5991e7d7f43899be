package com.metricsdash.dashboard;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.metricsdash.system.DatabaseChanges;
import com.metricsdash.system.KeptRows;

import org.springframework.context.ApplicationEventPublisher;
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
 * <p>
 * Each instance keeps the hours of the two days each store's dashboard last showed, until any instance, tool or
 * script changes the store's rows ({@link KeptRows}, the triggers of migration V18): sessions change an hour or so
 * apart, and a dashboard read, or a live frame of a store selling all the time, then costs one statement, its sales,
 * rather than two, each of which waits its turn for the cores on a saturated machine.
 */
@Repository
class TrafficRepository {

	/** The first key of this module's advisory locks, the second being the store's. */
	private static final int IMPORT_LOCK_NAMESPACE = 0x7AF1C;

	private static final String CHANGED = "traffic_hourly_changed";

	private static final int HOURS = 24;

	private final JdbcClient jdbc;

	private final NamedParameterJdbcOperations batches;

	private final KeptRows<UUID, Days> kept;

	private final ApplicationEventPublisher events;

	TrafficRepository(JdbcClient jdbc, NamedParameterJdbcOperations batches, DatabaseChanges changes,
			ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.events = events;
		this.kept = new KeptRows<>(changes, CHANGED, (storeId, key, days) -> key.toString().equals(storeId));
	}

	/**
	 * The sessions of each day's first {@code hours} local hours, each hour from its preferred source; empty for a day
	 * none of whose hours has a record. Both days in one statement, when they are not kept.
	 */
	List<Optional<Long>> sessions(UUID storeId, DayHours first, DayHours second) {
		Days days = this.kept
			.get(storeId, (known) -> known.hold(first.date(), second.date()),
					() -> Optional.of(read(storeId, first.date(), second.date())))
			.orElseThrow();
		return List.of(days.sessions(first), days.sessions(second));
	}

	private Days read(UUID storeId, LocalDate first, LocalDate second) {
		Map<LocalDate, Long[]> hours = new HashMap<>();
		hours.put(first, new Long[HOURS]);
		hours.put(second, new Long[HOURS]);
		this.jdbc.sql("""
				select distinct on (local_date, local_hour) local_date, local_hour, sessions from traffic_hourly
				where store_id = :store and local_date in (:first, :second)
				order by local_date, local_hour, (source = 'SHOPIFY') desc""")
			.param("store", storeId)
			.param("first", first)
			.param("second", second)
			.query((row) -> {
				hours.get(row.getObject("local_date", LocalDate.class))[row.getInt("local_hour")] = row
					.getLong("sessions");
			});
		return new Days(hours);
	}

	/** A local day's first {@code hours} hours. */
	record DayHours(LocalDate date, int hours) {
	}

	/** The sessions of local days by hour, midnight first, each hour from its preferred source; null: no record. */
	private record Days(Map<LocalDate, Long[]> byDate) {

		boolean hold(LocalDate first, LocalDate second) {
			return this.byDate.containsKey(first) && this.byDate.containsKey(second);
		}

		Optional<Long> sessions(DayHours day) {
			Long[] hours = this.byDate.get(day.date());
			long recorded = 0;
			long sessions = 0;
			for (int hour = 0; hour < Math.min(day.hours(), HOURS); hour++) {
				if (hours[hour] != null) {
					recorded++;
					sessions += hours[hour];
				}
			}
			return (recorded > 0) ? Optional.of(sessions) : Optional.empty();
		}

	}

	/**
	 * Adds posted sessions to a local hour, which need not have been recorded yet; returns the hour's posted total, or
	 * empty, changing nothing, when that total would exceed {@code max} (summed as {@code bigint}, so that it is
	 * refused rather than overflowing the column).
	 */
	Optional<Integer> add(UUID storeId, LocalDate day, int hour, int sessions, int max) {
		Optional<Integer> total = this.jdbc.sql("""
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
		total.ifPresent((sum) -> changed(storeId));
		return total;
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
		changed(storeId);
	}

	/** Forgets the store's kept hours once the change is committed, and tells the live push. */
	private void changed(UUID storeId) {
		this.kept.forgetOnCommit(storeId.toString());
		this.events.publishEvent(new TrafficChanged(storeId));
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
