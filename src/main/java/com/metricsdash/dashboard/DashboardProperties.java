package com.metricsdash.dashboard;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the store page keeps its figures current when its WebSocket cannot: it polls the dashboard fragment at this
 * interval, and retries the socket at least as often, so that it is back to live updates within one interval of the
 * socket working again. Tests shorten it so as not to wait 30 s for a poll.
 *
 * @param pollInterval how often a page without its socket fetches the figures, in whole seconds
 */
@ConfigurationProperties("metricsdash.dashboard")
@Validated
record DashboardProperties(@NotNull @DurationMin(seconds = 1) @DefaultValue("30s") Duration pollInterval) {

	/** The interval as the pages' poll trigger ({@code every Ns}) and their label give it. */
	long pollSeconds() {
		return this.pollInterval.toSeconds();
	}

}
