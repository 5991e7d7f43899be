package com.metricsdash.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.system.ApiProblem;
import com.metricsdash.system.JsonApi;
import com.metricsdash.system.WholeNumber;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonAnySetter;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * {@code POST /api/stores/{storeId}/traffic}: storefront sessions of one local hour, the denominator of the conversion
 * rate. Posts add up, so a client can send sessions as they come; the answer is the hour's posted total so far. Where
 * the store also imports Shopify's own sessions ({@link ShopifySessions}), Shopify's figure of an hour takes the place
 * of the posted one, so the two are never added. Security has already checked that the bearer owns the store.
 * <p>
 * A date is taken from a year ago to the shop's today, and an hour holds at most {@value #MAX_SESSIONS} sessions
 * however many posts add up; anything else is refused (400) with the field named, never stored nor failed on.
 */
@RestController
@JsonApi
class TrafficApiController {

	/**
	 * The most sessions an hour may hold: more than any storefront has seen in an hour, and far from overflowing the
	 * stored {@code integer} however posts add up.
	 */
	static final int MAX_SESSIONS = 100_000_000;

	private static final String MAX_SESSIONS_TEXT = "100,000,000";

	/**
	 * How far back sessions may be posted: the dashboard compares with a month ago at most, and a year leaves room for
	 * a backfill; a date outside it is a client's mistake (a wrong year), not traffic.
	 */
	private static final Period HISTORY = Period.ofYears(1);

	private final Stores stores;

	private final TrafficRepository traffic;

	private final Clock clock;

	TrafficApiController(Stores stores, TrafficRepository traffic, Clock clock) {
		this.stores = stores;
		this.traffic = traffic;
		this.clock = clock;
	}

	@PostMapping("/api/stores/{storeId}/traffic")
	HourSessions add(@PathVariable UUID storeId, @Valid @RequestBody HourSessions sessions) {
		StoreRef store = DashboardApiController.installed(this.stores, storeId);
		LocalDate today = LocalDate.now(this.clock.withZone(store.zone()));
		LocalDate earliest = today.minus(HISTORY);
		if (sessions.date().isBefore(earliest) || sessions.date().isAfter(today)) {
			throw ApiProblem.invalidField("date", "must be from " + earliest + " to " + today
					+ " (today in the shop's timezone)");
		}
		int total = this.traffic.add(store.id(), sessions.date(), sessions.hour(), sessions.sessions(), MAX_SESSIONS)
			.orElseThrow(() -> ApiProblem.invalidField("sessions", "would take the hour's total past "
					+ MAX_SESSIONS_TEXT + " sessions"));
		return new HourSessions(sessions.date(), sessions.hour(), total);
	}

	/** Sessions of one hour of a day in the shop's timezone, as posted and as answered. */
	record HourSessions(@NotNull(message = "is required, as an ISO date such as 2024-01-15") LocalDate date,
			@NotNull(message = "is required, from 0 to 23") @Min(value = 0, message = "must be from 0 to 23")
			@Max(value = 23, message = "must be from 0 to 23") @JsonDeserialize(using = WholeNumber.class) Integer hour,
			@NotNull(message = "is required, as a whole number of 0 or more")
			@Min(value = 0, message = "must be 0 or more")
			@Max(value = MAX_SESSIONS, message = "must be at most " + MAX_SESSIONS_TEXT)
			@JsonDeserialize(using = WholeNumber.class) Integer sessions) {

		/** A field the endpoint does not know is refused, not ignored: the post would be stored without what it meant. */
		@JsonAnySetter
		void unknownField(String field, Object value) {
			throw ApiProblem.invalidField(field, "is not a field of this request");
		}

	}

}
