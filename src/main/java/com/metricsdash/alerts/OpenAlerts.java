package com.metricsdash.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.metricsdash.shop.StoreRef;

import org.springframework.stereotype.Service;

/**
 * A store's alerts for other modules (the e-mail digest), worded as the alerts page words them, so that a mail and
 * the page it links to say the same.
 */
@Service
public class OpenAlerts {

	private final AlertRepository alerts;

	OpenAlerts(AlertRepository alerts) {
		this.alerts = alerts;
	}

	/** The store's open alerts (active and acknowledged), most urgent first. */
	public List<AlertCard> open(StoreRef store, Instant now) {
		return this.alerts.list(store.id(), null, null).stream().map((alert) -> AlertCard.of(alert, store, now)).toList();
	}

	/** One alert of the store, whatever its status; empty when the store has no such alert. */
	public Optional<AlertCard> find(StoreRef store, UUID alertId, Instant now) {
		return this.alerts.find(store.id(), alertId).map((alert) -> AlertCard.of(alert, store, now));
	}

}
