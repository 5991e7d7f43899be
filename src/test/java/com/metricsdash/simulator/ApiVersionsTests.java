package com.metricsdash.simulator;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiVersionsTests {

	private static final LocalDate TODAY = LocalDate.parse("2026-12-05");

	@Test
	void theFourVersionsReleasedInTheLastTwelveMonthsAreServedAsThemselves() {
		for (String version : new String[] { "2026-01", "2026-04", "2026-07", "2026-10" }) {
			assertThat(ApiVersions.serving(version, TODAY)).contains(version);
		}
	}

	@Test
	void aRetiredVersionFallsForwardToTheOldestSupportedOne() {
		assertThat(ApiVersions.serving("2025-10", TODAY)).contains("2026-01");
		assertThat(ApiVersions.serving("2025-04", TODAY)).contains("2026-01");
		assertThat(ApiVersions.serving("2019-07", TODAY)).contains("2026-01");
		assertThat(ApiVersions.serving("2026-01", LocalDate.parse("2027-01-01"))).contains("2026-04");
	}

	@Test
	void aMalformedOrUnreleasedVersionIsNoVersion() {
		for (String version : new String[] { "2026-02", "2027-01", "unstable", "2026-1", "latest" }) {
			assertThat(ApiVersions.serving(version, TODAY)).as(version).isEmpty();
		}
		assertThat(ApiVersions.serving("2026-10", LocalDate.parse("2026-09-30"))).isEmpty();
	}

}
