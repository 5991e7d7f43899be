package com.metricsdash.simulator;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shopify's release calendar: a stable Admin API version each quarter ({@code YYYY-01}, {@code -04}, {@code -07},
 * {@code -10}), released on the first of its month and supported for 12 months. A request for a supported version is
 * answered as that version; one for a retired version is answered by the oldest supported one ("fall-forward"), so an
 * app pinned to an old version silently gets newer behaviour; anything else (a malformed or not yet released version)
 * is no API version at all.
 */
final class ApiVersions {

	private static final Pattern STABLE = Pattern.compile("(\\d{4})-(01|04|07|10)");

	private static final int SUPPORTED_MONTHS = 12;

	private ApiVersions() {
	}

	/** The version that answers a request for {@code requested} on {@code today}; empty when none does. */
	static Optional<String> serving(String requested, LocalDate today) {
		Matcher stable = STABLE.matcher(requested);
		if (!stable.matches()) {
			return Optional.empty();
		}
		YearMonth release = YearMonth.of(Integer.parseInt(stable.group(1)), Integer.parseInt(stable.group(2)));
		if (release.isAfter(YearMonth.from(today))) {
			return Optional.empty();
		}
		YearMonth oldest = latestRelease(today).minusMonths(SUPPORTED_MONTHS - 3);
		return Optional.of(release.isBefore(oldest) ? oldest.toString() : requested);
	}

	/** The newest stable version released by {@code today}. */
	private static YearMonth latestRelease(LocalDate today) {
		YearMonth month = YearMonth.from(today);
		return month.minusMonths((month.getMonthValue() - 1) % 3);
	}

}
