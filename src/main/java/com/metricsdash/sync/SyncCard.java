package com.metricsdash.sync;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/** What the progress card template ({@code sync/progress}) reads, however it is rendered: page load or push. */
final class SyncCard {

	private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");

	private SyncCard() {
	}

	/**
	 * @param verified the last reconciliation, or {@code null}
	 * @param zone the store's timezone, in which the verification time is shown
	 */
	static Map<String, Object> variables(SyncProgress progress, ReconciliationRuns.Run verified, ZoneId zone) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("progress", progress);
		variables.put("verified", verified);
		variables.put("verifiedAt", verified == null ? null : CLOCK_TIME.format(verified.startedAt().atZone(zone)));
		return variables;
	}

}
