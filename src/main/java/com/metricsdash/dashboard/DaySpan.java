package com.metricsdash.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;

/**
 * The part of a local day from its midnight to a wall-clock time, split where the hourly rollups stop answering:
 * the whole local hours before the time's hour come from the rollups (each holding every occurrence of that wall-clock
 * hour, so both of a fall-back day's repeated hour), and the minutes of its own hour from the orders.
 *
 * @param wholeHours how many local hours, from midnight, the span covers in full
 * @param partialStart the first instant of the span's last, partial hour
 * @param end the first instant after the span
 */
record DaySpan(LocalDate date, int wholeHours, Instant partialStart, Instant end) {

	/** Today so far: the shop's midnight up to {@code now}, in real time. */
	static DaySpan untilNow(Instant now, ZoneId zone) {
		LocalDateTime local = LocalDateTime.ofInstant(now, zone);
		return new DaySpan(local.toLocalDate(), local.getHour(),
				firstInstant(local.truncatedTo(ChronoUnit.HOURS), zone), now);
	}

	/**
	 * The day's midnight up to the first time its clocks showed {@code time}. If they never did (the time falls in the
	 * hour skipped when clocks spring forward) the span ends where the clocks jumped, since every earlier wall-clock
	 * time has passed by then.
	 */
	static DaySpan untilWallClock(LocalDate date, LocalTime time, ZoneId zone) {
		LocalDateTime end = date.atTime(time);
		return new DaySpan(date, time.getHour(), firstInstant(end.truncatedTo(ChronoUnit.HOURS), zone),
				firstInstant(end, zone));
	}

	/** The end of the span's partial hour's rollup: the first instant of the local hour after it. */
	Instant hourEnd(ZoneId zone) {
		return firstInstant(this.date.atStartOfDay().plusHours(this.wholeHours + 1), zone);
	}

	/** How many local hours, from midnight, the span reaches into, the partial one included. */
	int hoursTouched() {
		return this.partialStart.isBefore(this.end) ? this.wholeHours + 1 : this.wholeHours;
	}

	private static Instant firstInstant(LocalDateTime local, ZoneId zone) {
		ZoneOffsetTransition transition = zone.getRules().getTransition(local);
		return (transition != null && transition.isGap()) ? transition.getInstant()
				: local.atZone(zone).toInstant();
	}

}
