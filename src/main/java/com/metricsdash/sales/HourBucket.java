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

	/** The first instant of this hour in the zone. */
	Instant start(ZoneId zone) {
		return this.date.atTime(this.hour, 0).atZone(zone).toInstant();
	}

	/** The first instant after this hour in the zone: the start of the next local hour. */
	Instant end(ZoneId zone) {
		return this.date.atTime(this.hour, 0).plusHours(1).atZone(zone).toInstant();
	}

}
