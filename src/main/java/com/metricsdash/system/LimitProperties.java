package com.metricsdash.system;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many requests each subject may make per window before it is answered 429 ({@link RateLimits}). The defaults
 * leave room for every honest caller: a person installing from one address, an embedded page and its scripts, a
 * store's open tabs reconnecting, and Shopify's deliveries to a store in a flash sale: an order brings several
 * topics and an {@code inventory_levels/update} per line, and the app applies 1,000 orders a second, so a shop may
 * send 300,000 deliveries a minute (5,000 a second).
 *
 * @param window the fixed window every limit counts in
 * @param authPerClient OAuth starts and callbacks ({@code /auth}, {@code /auth/callback}) per client address
 * @param apiPerToken {@code /api/**} requests per bearer token
 * @param webhooksPerShop signed webhook deliveries per shop
 * @param handshakesPerStore live-socket handshakes per store
 */
@ConfigurationProperties("metricsdash.limits")
@Validated
record LimitProperties(@NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration window,
		@Positive @DefaultValue("30") int authPerClient, @Positive @DefaultValue("600") int apiPerToken,
		@Positive @DefaultValue("300000") int webhooksPerShop, @Positive @DefaultValue("60") int handshakesPerStore) {

	int allowed(RateLimits.Limit limit) {
		return switch (limit) {
			case AUTH -> this.authPerClient;
			case API -> this.apiPerToken;
			case WEBHOOKS -> this.webhooksPerShop;
			case HANDSHAKES -> this.handshakesPerStore;
		};
	}

}
