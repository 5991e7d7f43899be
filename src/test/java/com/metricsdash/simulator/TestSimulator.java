package com.metricsdash.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.metricsdash.simulator.SimModel.WebhookSubscription;
import tools.jackson.databind.json.JsonMapper;

/** The simulator's parts wired by hand for unit tests: fixed time, a known secret, quick retries. */
final class TestSimulator {

	static final String SECRET = "test_secret_key";

	static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	static final JsonMapper JSON = JsonMapper.builder().build();

	private TestSimulator() {
	}

	static SimulatorProperties properties(Path stateFile, double liveOrdersPerMinute, Duration... retryDelays) {
		return new SimulatorProperties(true, "client-id", SECRET, "http://localhost/auth/callback",
				"read_orders,read_products,read_inventory", Duration.ofHours(1), Duration.ofDays(90), 2000, 100,
				stateFile, false, liveOrdersPerMinute, Duration.ofSeconds(5), List.of(retryDelays));
	}

	static SimWebhooks webhooks(Duration... retryDelays) {
		return new SimWebhooks(properties(null, 0, retryDelays), JSON, CLOCK);
	}

	static void subscribe(SimShop shop, String url, String... topics) {
		for (String topic : topics) {
			shop.put(new WebhookSubscription(shop.nextId(), topic, url, NOW, NOW));
		}
	}

}
