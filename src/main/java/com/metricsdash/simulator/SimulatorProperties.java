package com.metricsdash.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the simulator behaves.
 *
 * @param enabled whether the simulator runs at all ({@code true} in local, {@code false} in prod)
 * @param clientId the client id of the one app registered with the simulator (the app's own api key)
 * @param clientSecret that app's client secret, which signs OAuth redirects, webhooks and ID tokens
 * @param redirectUri the one OAuth redirect URL registered for that app
 * @param scopes the access scopes of that app's configuration, which an embedded install (token exchange) grants
 * @param accessTokenLifetime how long an expiring offline access token lives (Shopify: one hour)
 * @param refreshTokenLifetime how long a refresh token lives
 * @param bucketSize the leaky bucket's capacity in query cost points
 * @param restoreRate points restored per second (Standard plan: 100)
 * @param stateFile where the simulator keeps its shops across restarts; none keeps them only in memory
 * @param demoShop whether {@code demo-store.myshopify.com} is created at start
 * @param liveOrdersPerMinute how many orders the live generator places per minute in each installed demo shop; 0
 * stops it
 * @param webhookTimeout how long a webhook delivery waits for the app's answer (Shopify: 5 s)
 * @param webhookRetryDelays the waits before each retry of a failed delivery; after the last retry fails the delivery
 * is given up (Shopify: 8 retries over about 4 hours); a subscription is deleted after 8 failed attempts in a row,
 * whichever deliveries they belong to
 */
@ConfigurationProperties("metricsdash.simulator")
record SimulatorProperties(@DefaultValue("false") boolean enabled, String clientId, String clientSecret,
		String redirectUri, String scopes,
		@DefaultValue("1h") Duration accessTokenLifetime, @DefaultValue("90d") Duration refreshTokenLifetime,
		@DefaultValue("2000") int bucketSize, @DefaultValue("100") int restoreRate, Path stateFile,
		@DefaultValue("true") boolean demoShop, @DefaultValue("6") double liveOrdersPerMinute, @DefaultValue("5s") Duration webhookTimeout,
		@DefaultValue({ "10s", "30s", "1m", "5m", "15m", "30m", "1h", "2h" }) List<Duration> webhookRetryDelays) {

	/** Without the client secret, which is the app's own and must not reach a log line. */
	@Override
	public String toString() {
		return "SimulatorProperties[enabled=" + this.enabled + ", clientId=" + this.clientId + ", clientSecret=(hidden)]";
	}

}
