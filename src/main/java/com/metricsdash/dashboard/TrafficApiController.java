package com.metricsdash.dashboard;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import com.metricsdash.shop.Stores;
import com.metricsdash.system.JsonApi;
import com.metricsdash.system.WholeNumber;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * {@code POST /api/stores/{storeId}/traffic}: storefront sessions of one local hour, the denominator of the conversion
 * rate. Posts add up, so a client can send sessions as they come; the answer is the hour's posted total so far. Where
 * the store also imports Shopify's own sessions ({@link ShopifySessions}), Shopify's figure of an hour takes the place
 * of the posted one, so the two are never added. Security has already checked that the bearer owns the store.
 */
@RestController
@JsonApi
class TrafficApiController {

	private final Stores stores;

	private final TrafficRepository traffic;

	TrafficApiController(Stores stores, TrafficRepository traffic) {
		this.stores = stores;
		this.traffic = traffic;
	}

	@PostMapping("/api/stores/{storeId}/traffic")
	HourSessions add(@PathVariable UUID storeId, @Valid @RequestBody HourSessions sessions) {
		UUID store = DashboardApiController.installed(this.stores, storeId).id();
		return new HourSessions(sessions.date(), sessions.hour(),
				this.traffic.add(store, sessions.date(), sessions.hour(), sessions.sessions()));
	}

	/** Sessions of one hour of a day in the shop's timezone, as posted and as answered. */
	record HourSessions(@NotNull(message = "is required, as an ISO date such as 2024-01-15") LocalDate date,
			@NotNull(message = "is required, from 0 to 23") @Min(value = 0, message = "must be from 0 to 23")
			@Max(value = 23, message = "must be from 0 to 23") @JsonDeserialize(using = WholeNumber.class) Integer hour,
			@NotNull(message = "is required, as a whole number of 0 or more")
			@Min(value = 0, message = "must be 0 or more") @JsonDeserialize(using = WholeNumber.class) Integer sessions) {
	}

}
