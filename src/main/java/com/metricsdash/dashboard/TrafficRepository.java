package com.metricsdash.dashboard;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Storefront sessions per local hour ({@code traffic_hourly}), the denominator of the conversion rate. A day without
 * any recorded hour has unknown traffic rather than none, so that no conversion is shown instead of a false one.
 */
@Repository
class TrafficRepository {

	private final JdbcClient jdbc;

	TrafficRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The sessions of the day's first {@code hours} local hours; empty when none of those hours has a record. */
	Optional<Long> sessions(UUID storeId, LocalDate day, int hours) {
		return this.jdbc.sql("""
				select count(*) as recorded, coalesce(sum(sessions), 0) as sessions from traffic_hourly
				where store_id = :store and local_date = :day and local_hour < :hours""")
			.param("store", storeId)
			.param("day", day)
			.param("hours", hours)
			.query((row, number) -> (row.getLong("recorded") > 0) ? Optional.of(row.getLong("sessions"))
					: Optional.<Long>empty())
			.single();
	}

	/** Adds sessions to a local hour, which need not have been recorded yet; returns the hour's total. */
	int add(UUID storeId, LocalDate day, int hour, int sessions) {
		return this.jdbc.sql("""
				insert into traffic_hourly (store_id, local_date, local_hour, sessions)
				values (:store, :day, :hour, :sessions)
				on conflict (store_id, local_date, local_hour)
				do update set sessions = traffic_hourly.sessions + excluded.sessions
				returning sessions""")
			.param("store", storeId)
			.param("day", day)
			.param("hour", hour)
			.param("sessions", sessions)
			.query(Integer.class)
			.single();
	}

}
