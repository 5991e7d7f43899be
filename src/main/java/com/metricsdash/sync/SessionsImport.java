package com.metricsdash.sync;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.metricsdash.dashboard.ShopifySessions;
import com.metricsdash.shop.StoreAdminApi;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.AdminDocument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Imports storefront sessions per local hour from Shopify's analytics, for the conversion rate: ShopifyQL's
 * {@code FROM sessions SHOW sessions GROUP BY hour} through {@code shopifyqlQuery}, which exists from Admin API
 * 2025-10 on and needs the {@code read_reports} scope. Only stores that granted that scope are ever asked; the
 * merchant may decline it, and conversion then rests on sessions posted through the traffic API alone.
 * <p>
 * The first import, right after the initial sync, reads today and the {@value #HISTORY_DAYS} days before, enough
 * for every comparison day; later passes (on a schedule, one runner across all instances) read today and yesterday,
 * which is what changes. Each import replaces the imported figures of the days it read, so a repeated import never
 * adds sessions up. A failure (parse errors, access denied, throttling that outlasts the client's patience) costs
 * that store's figures one pass and is logged once per pass, never breaking the sync or other stores.
 */
@Service
class SessionsImport {

	static final String SCOPE = "read_reports";

	/** How far back the first import reads: the furthest comparison day is a month before today. */
	static final int HISTORY_DAYS = 35;

	private static final Logger logger = LoggerFactory.getLogger(SessionsImport.class);

	private final AdminDocument sessionsByHour = AdminDocument.load("shopifyqlSessions");

	private final Stores stores;

	private final StoreAdminApi api;

	private final ShopifySessions sessions;

	private final Clock clock;

	private final Counter scheduledPasses;

	SessionsImport(Stores stores, StoreAdminApi api, ShopifySessions sessions, Clock clock, MeterRegistry meters) {
		this.stores = stores;
		this.api = api;
		this.scheduledPasses = Counter.builder("metricsdash.sessions.import.passes")
			.description("Scheduled sessions-import passes this instance ran (one instance per interval runs each)")
			.register(meters);
		this.sessions = sessions;
		this.clock = clock;
	}

	/**
	 * The store's first import, once its initial sync is complete and announced, if it granted the scope; a failure
	 * is logged and leaves the sync complete.
	 */
	void afterInitialSync(UUID storeId) {
		this.stores.syncedGranting(SCOPE, storeId).ifPresent((store) -> importStores(List.of(store)));
	}

	/**
	 * The scheduled pass, on one instance per interval: the lock is held for at least the interval from its start,
	 * since each instance schedules the pass on its own clock and would otherwise run it again right after another
	 * instance's.
	 */
	@Scheduled(fixedDelayString = "${metricsdash.sessions-import.interval:10m}",
			initialDelayString = "${metricsdash.sessions-import.interval:10m}")
	@SchedulerLock(name = "sessions-import", lockAtMostFor = "30m",
			lockAtLeastFor = "${metricsdash.sessions-import.interval:10m}")
	void scheduledImport() {
		this.scheduledPasses.increment();
		importAll();
	}

	/** Imports every store that granted the scope, now. */
	void importAll() {
		importStores(this.stores.syncedGranting(SCOPE));
	}

	private void importStores(List<StoreRef> stores) {
		List<String> failures = new ArrayList<>();
		for (StoreRef store : stores) {
			try {
				importSessions(store);
			}
			catch (RuntimeException ex) {
				failures.add(store.shop() + " (" + ex.getMessage() + ")");
			}
		}
		if (!failures.isEmpty()) {
			logger.warn("Sessions import failed for {} of {} stores; the next pass tries again: {}", failures.size(),
					stores.size(), String.join("; ", failures));
		}
	}

	/**
	 * Reads the store's sessions by hour from Shopify and stores them in place of those imported for the same days.
	 * @return how many local hours had sessions
	 */
	int importSessions(StoreRef store) {
		LocalDate today = LocalDate.now(this.clock.withZone(store.zone()));
		LocalDate since = this.sessions.importedSince(store.id(), today.minusDays(HISTORY_DAYS)) ? today.minusDays(1)
				: today.minusDays(HISTORY_DAYS);
		String query = "FROM sessions SHOW sessions GROUP BY hour SINCE " + since + " UNTIL " + today
				+ " ORDER BY hour ASC";
		JsonNode response = this.api.execute(store.id(), this.sessionsByHour, Map.of("query", query))
			.path("shopifyqlQuery");
		if (!response.path("parseErrors").isEmpty()) {
			throw new IllegalStateException("ShopifyQL answered parse errors: " + response.path("parseErrors"));
		}
		Map<LocalDateTime, Long> hours = new TreeMap<>();
		for (JsonNode row : response.path("tableData").path("rows")) {
			hours.merge(hour(row.path("hour").asString("")), Long.parseLong(row.path("sessions").asString("0")),
					Long::sum);
		}
		this.sessions.replace(store.id(), since, today, hours);
		return hours.size();
	}

	/**
	 * The local hour of a ShopifyQL {@code hour} value, {@code yyyy-MM-ddThh} in the shop's timezone (anything after
	 * the hour, such as minutes or an offset, is ignored).
	 */
	private static LocalDateTime hour(String value) {
		try {
			return LocalDateTime.parse(value.substring(0, Math.min(value.length(), 13)) + ":00");
		}
		catch (DateTimeParseException ex) {
			throw new IllegalStateException("ShopifyQL answered an hour that is not yyyy-MM-ddThh: " + value, ex);
		}
	}

}
