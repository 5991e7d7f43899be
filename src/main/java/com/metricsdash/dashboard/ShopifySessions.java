package com.metricsdash.dashboard;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a store's sessions imported from Shopify's analytics are kept, for the conversion rate. Shopify's figure of
 * an hour takes the place of sessions posted for that hour through the traffic API (they count the same visits), so
 * a store that both posts and imports is never counted twice; hours Shopify has no figure for keep the posted one.
 */
@Service
public class ShopifySessions {

	private final TrafficRepository traffic;

	ShopifySessions(TrafficRepository traffic) {
		this.traffic = traffic;
	}

	/**
	 * Stores Shopify's sessions of the local days {@code from} to {@code to} in place of those imported for them
	 * before, so that an import repeated over the same days changes nothing.
	 * @param sessions the sessions per local hour of those days; an hour absent had none
	 */
	@Transactional
	public void replace(UUID storeId, LocalDate from, LocalDate to, Map<LocalDateTime, Long> sessions) {
		sessions.keySet().forEach((hour) -> {
			if (hour.toLocalDate().isBefore(from) || hour.toLocalDate().isAfter(to)) {
				throw new IllegalArgumentException("The hour " + hour + " lies outside " + from + " to " + to);
			}
		});
		this.traffic.replaceImported(storeId, from, to, sessions);
	}

	/** Whether sessions of the store were imported for any day from {@code since} on. */
	@Transactional(readOnly = true)
	public boolean importedSince(UUID storeId, LocalDate since) {
		return this.traffic.importedSince(storeId, since);
	}

}
