package com.metricsdash.shopify;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class Rfc3339Tests {

	@ParameterizedTest
	@ValueSource(strings = { "2026-12-05T11:00:00-05:00", "2026-12-05T16:00:00Z", "2026-12-05T16:00:00.1Z",
			"2026-12-05T16:00:00.123456789Z", "2026-12-05T21:30:00.5+05:30", "2024-02-29T23:59:59.999+14:00",
			"1970-01-01T00:00:00-12:00", "2026-12-05t16:00:00z", "2026-12-05T16:00Z", "2026-12-05T16:00:00+05:30:15" })
	void readsWhatOffsetDateTimeReads(String text) {
		assertThat(Rfc3339.instant(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
	}

	@Test
	void readsTenThousandRandomTimesAsOffsetDateTimeDoes() {
		Random random = new Random(3339);
		for (int i = 0; i < 10_000; i++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong(4_102_444_800L), random.nextInt(1_000_000_000));
			ZoneOffset offset = ZoneOffset.ofTotalSeconds(15 * 60 * (random.nextInt(4 * 28) - 4 * 14));
			int digits = random.nextInt(10);
			String text = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss" + ((digits > 0) ? "." + "S".repeat(digits) : "")
					+ "XXX").format(instant.atOffset(offset));
			assertThat(Rfc3339.instant(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "2026-12-05", "2026-12-05T16:00:00", "2026-02-30T16:00:00Z", "2026-13-05T16:00:00Z",
			"2026-12-05T24:00:00Z", "2026-12-05T16:60:00Z", "2026-12-05T16:00:60Z",
			"2026-12-05T16:00:00.1234567891Z", "2026-12-05T16:00:00+19:00",
			"2026-12-05T16:00:00 Z", "2026-12-05T16:0a:00Z", "x026-12-05T16:00:00Z", "2026-12-05T16:00:00+05:3x" })
	void refusesWhatIsNoDateTimeWithAnOffset(String text) {
		assertThatExceptionOfType(DateTimeException.class).isThrownBy(() -> Rfc3339.instant(text));
	}

}
