package com.metricsdash.sales;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * One local hour of a store's day, the key of the hourly rollups. Local rather than UTC hours keep shops with
 * half-hour offsets exact; on the day clocks fall back the repeated hour is one bucket spanning two real hours, and
 * the skipped hour of a spring-forward day never has a bucket.
 */
record HourBucket(LocalDate date, int hour) {

	static HourBucket of(Instant instant, ZoneId zone) {
		ZonedDateTime local = instant.atZone(zone);
		return new HourBucket(local.toLocalDate(), local.getHour());
	}

}
