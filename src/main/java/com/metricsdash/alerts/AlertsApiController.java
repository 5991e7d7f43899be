package com.metricsdash.alerts;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import com.metricsdash.shop.Stores;
import com.metricsdash.system.ApiProblem;
import com.metricsdash.system.JsonApi;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The alerts of CONTRACT.md: {@code GET /api/stores/{storeId}/alerts[?status=active|acknowledged|resolved]}, most
 * urgent first (out of stock, then by revenue lost a day, then the fewest days of cover), the open ones (active and
 * acknowledged) without {@code status}; and {@code POST /api/stores/{storeId}/alerts/{alertId}/acknowledge}, which
 * answers the acknowledged alert. Security has already checked that the bearer owns the store.
 */
@RestController
@JsonApi
class AlertsApiController {

	private final AlertRepository alerts;

	private final Stores stores;

	private final Clock clock;

	AlertsApiController(AlertRepository alerts, Stores stores, Clock clock) {
		this.alerts = alerts;
		this.stores = stores;
		this.clock = clock;
	}

	@GetMapping("/api/stores/{storeId}/alerts")
	List<Alert> alerts(@PathVariable UUID storeId, @RequestParam(required = false) String status) {
		AlertStatus asked = (status != null) ? AlertStatus.ofValue(status).orElseThrow(() -> badStatus(status)) : null;
		installed(storeId);
		return this.alerts.list(storeId, asked, null);
	}

	/**
	 * Acknowledges an active alert; acknowledging one already acknowledged changes nothing, and a resolved one cannot
	 * be (409): there is nothing left to acknowledge.
	 */
	@PostMapping("/api/stores/{storeId}/alerts/{alertId}/acknowledge")
	@Transactional
	Alert acknowledge(@PathVariable UUID storeId, @PathVariable UUID alertId) {
		installed(storeId);
		this.alerts.acknowledge(storeId, alertId, this.clock.instant());
		Alert alert = this.alerts.find(storeId, alertId).orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND,
				"The store has no alert " + alertId + "."));
		if (AlertStatus.RESOLVED.value().equals(alert.status())) {
			throw ApiProblem.of(HttpStatus.CONFLICT, "The alert " + alertId + " has resolved; there is nothing to acknowledge.");
		}
		return alert;
	}

	private void installed(UUID storeId) {
		this.stores.installed(storeId)
			.orElseThrow(() -> ApiProblem.storeNotInstalled(storeId));
	}

	private static ErrorResponseException badStatus(String status) {
		String allowed = Arrays.stream(AlertStatus.values()).map(AlertStatus::value).collect(Collectors.joining(", "));
		return ApiProblem.of(HttpStatus.BAD_REQUEST, "'status' must be one of " + allowed + "; '" + status + "' is not.");
	}

}
