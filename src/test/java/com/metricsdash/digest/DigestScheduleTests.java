package com.metricsdash.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a digest is due, in the shop's timezone, daylight-saving days included. */
class DigestScheduleTests {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Test
	void aDailyDigestIsDueAtTheLocalHourAndBeforeItTheDayBeforesSlotIsTheLatest() {
		DigestSchedule daily = new DigestSchedule(DigestFrequency.DAILY, 8, DayOfWeek.MONDAY);
		// 08:00 EST is 13:00 UTC
		assertThat(daily.lastSlot(Instant.parse("2026-01-15T13:00:00Z"), NEW_YORK))
			.contains(Instant.parse("2026-01-15T13:00:00Z"));
		assertThat(daily.lastSlot(Instant.parse("2026-01-15T12:59:59Z"), NEW_YORK))
			.contains(Instant.parse("2026-01-14T13:00:00Z"));
	}

	@Test
	void onTheDayClocksSpringForwardTheSlotKeepsTheLocalHour() {
		DigestSchedule daily = new DigestSchedule(DigestFrequency.DAILY, 8, DayOfWeek.MONDAY);
		// 8 March 2026: New York moves to EDT, so 08:00 local is 12:00 UTC that day and 13:00 UTC the day before
		assertThat(daily.lastSlot(Instant.parse("2026-03-08T12:30:00Z"), NEW_YORK))
			.contains(Instant.parse("2026-03-08T12:00:00Z"));
		assertThat(daily.previousSlot(Instant.parse("2026-03-08T12:00:00Z"), NEW_YORK))
			.isEqualTo(Instant.parse("2026-03-07T13:00:00Z"));
		// 02:00 does not exist that day: the slot is the first hour after the gap, 03:00 EDT
		DigestSchedule atTwo = new DigestSchedule(DigestFrequency.DAILY, 2, DayOfWeek.MONDAY);
		assertThat(atTwo.lastSlot(Instant.parse("2026-03-08T08:00:00Z"), NEW_YORK))
			.contains(Instant.parse("2026-03-08T07:00:00Z"));
	}

	@Test
	void anHourThatHappensTwiceInAutumnIsOneSlot() {
		DigestSchedule atOne = new DigestSchedule(DigestFrequency.DAILY, 1, DayOfWeek.MONDAY);
		// 1 November 2026: 01:00 happens at 05:00 UTC (EDT) and again at 06:00 UTC (EST); the first counts
		assertThat(atOne.lastSlot(Instant.parse("2026-11-01T06:30:00Z"), NEW_YORK))
			.contains(Instant.parse("2026-11-01T05:00:00Z"));
	}

	@Test
	void aWeeklyDigestIsDueOnItsWeekdayOnly() {
		DigestSchedule weekly = new DigestSchedule(DigestFrequency.WEEKLY, 9, DayOfWeek.MONDAY);
		ZoneId tokyo = ZoneId.of("Asia/Tokyo");
		// Monday 12 January 2026 09:00 in Tokyo is 00:00 UTC that day; a Wednesday goes back to it
		assertThat(weekly.lastSlot(Instant.parse("2026-01-14T10:00:00Z"), tokyo))
			.contains(Instant.parse("2026-01-12T00:00:00Z"));
		assertThat(weekly.lastSlot(Instant.parse("2026-01-11T23:59:00Z"), tokyo))
			.contains(Instant.parse("2026-01-05T00:00:00Z"));
		assertThat(new DigestSchedule(DigestFrequency.OFF, 9, DayOfWeek.MONDAY).lastSlot(Instant.now(), tokyo)).isEmpty();
	}

}
