package com.metricsdash.dashboard;

import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.system.ApiProblem;
import com.metricsdash.system.JsonApi;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/stores/{storeId}/dashboard[?compare=…]}: the dashboard JSON of CONTRACT.md. Security has already
 * checked that the bearer owns the store. Without {@code compare} the store's own comparison from its settings applies.
 * While the database cannot be reached the last dashboard known is answered with {@code "stale": true}, or 503 when
 * there is none ({@link FiguresUnavailableException}).
 */
@RestController
@JsonApi
class DashboardApiController {

	private final Dashboards dashboards;

	DashboardApiController(Dashboards dashboards) {
		this.dashboards = dashboards;
	}

	@GetMapping("/api/stores/{storeId}/dashboard")
	Dashboard dashboard(@PathVariable UUID storeId, @RequestParam(required = false) String compare) {
		Comparison asked = (compare != null) ? Comparison.ofValue(compare).orElseThrow(() -> badCompare(compare)) : null;
		return this.dashboards.read(storeId, asked)
			.map(Dashboards.Reading::dashboard)
			.orElseThrow(() -> ApiProblem.storeNotInstalled(storeId));
	}

	/** The installed store behind an id the caller owns; gone (404) once it has been uninstalled. */
	static StoreRef installed(Stores stores, UUID storeId) {
		return stores.installed(storeId).orElseThrow(() -> ApiProblem.storeNotInstalled(storeId));
	}

	private static ErrorResponseException badCompare(String compare) {
		String allowed = Arrays.stream(Comparison.values()).map(Comparison::value).collect(Collectors.joining(", "));
		return ApiProblem.of(HttpStatus.BAD_REQUEST, "'compare' must be one of " + allowed + "; '" + compare + "' is not.");
	}

}
