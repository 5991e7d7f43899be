package com.metricsdash.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/**
 * When a store's digest goes out: daily at a local hour, or weekly on a weekday at a local hour, in the shop's
 * timezone. A period is named by the instant it starts (its slot), which is what makes a digest "this period's".
 * <p>
 * On a daylight-saving day the hour is the shop's wall clock: an hour the clocks skip (02:00 in spring) is taken as
 * the first hour after the gap, and an hour that happens twice (in autumn) counts once, at its first occurrence, so
 * that every local day or week has exactly one slot.
 */
record DigestSchedule(DigestFrequency frequency, int hour, DayOfWeek weekday) {

	static final DigestSchedule DEFAULT = new DigestSchedule(DigestFrequency.DAILY, 8, DayOfWeek.MONDAY);

	/** The latest slot at or before {@code now}; empty when the digest is off. */
	Optional<Instant> lastSlot(Instant now, ZoneId zone) {
		LocalDate today = LocalDate.ofInstant(now, zone);
		return switch (this.frequency) {
			case OFF -> Optional.empty();
			case DAILY -> {
				Instant slot = at(today, zone);
				yield Optional.of(slot.isAfter(now) ? at(today.minusDays(1), zone) : slot);
			}
			case WEEKLY -> {
				LocalDate day = today.with(TemporalAdjusters.previousOrSame(this.weekday));
				Instant slot = at(day, zone);
				yield Optional.of(slot.isAfter(now) ? at(day.minusWeeks(1), zone) : slot);
			}
		};
	}

	/** The slot before {@code slot}: what a digest counts as new is what happened since then. */
	Instant previousSlot(Instant slot, ZoneId zone) {
		LocalDate day = LocalDate.ofInstant(slot, zone);
		return at((this.frequency == DigestFrequency.WEEKLY) ? day.minusWeeks(1) : day.minusDays(1), zone);
	}

	/** In words, e.g. {@code every Monday at 08:00}. */
	String describe() {
		String time = "%02d:00".formatted(this.hour);
		return switch (this.frequency) {
			case OFF -> "off";
			case DAILY -> "every day at " + time;
			case WEEKLY -> "every " + this.weekday.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " at " + time;
		};
	}

	private Instant at(LocalDate day, ZoneId zone) {
		// ZonedDateTime.of moves a time in a gap forward by the gap and takes the earlier offset in an overlap
		return ZonedDateTime.of(day, LocalTime.of(this.hour, 0), zone).toInstant();
	}

}
