package com.metricsdash.live;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.metricsdash.shop.StoreSeeds;
import com.metricsdash.testing.LowLimits;
import com.metricsdash.testing.SessionTokens;
import com.metricsdash.testing.Webhooks;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What a store's live sockets may take, with the limits of {@link LowLimits}: 3 open sockets of a store, 4 on the
 * instance, and 6 handshakes a minute per store. Stores are seeded rather than installed, so that nothing here goes
 * through {@code /auth}; their sockets are opened with Shopify session tokens.
 */
@LowLimits
class LiveLimitsTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	LivePush push;

	@Autowired
	MeterRegistry meters;

	final List<LiveClient> clients = new ArrayList<>();

	String shop;

	UUID storeId;

	@BeforeEach
	void seedAStore() {
		this.shop = "live-limits-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		this.storeId = new StoreSeeds(this.context).install(this.shop, ZoneId.of("Europe/Berlin"), "EUR");
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(LiveClient::close);
	}

	@Test
	void aStoreHasAtMostItsCapOfOpenSocketsAndGetsOneAgainOnceOneCloses() {
		for (int i = 0; i < 3; i++) {
			open(() -> LiveClient.connect(url(), bearer()));
		}

		assertRefused(429);

		this.clients.get(0).close();
		await().atMost(WAIT).until(() -> this.push.connections(this.storeId) == 2);
		open(() -> LiveClient.connect(url(), bearer()));
		assertThat(this.push.connections(this.storeId)).isEqualTo(3);
	}

	@Test
	void anInstanceHoldsAtMostItsCapOfSocketsAndAnswersTheNextWith503AndRetryAfter() {
		await().atMost(WAIT).until(() -> openSockets() == 0);
		for (int i = 0; i < 3; i++) {
			open(() -> LiveClient.connect(url(), bearer()));
		}
		LiveClient otherClient = openOfAnotherStore();
		await().atMost(WAIT).until(() -> openSockets() == 4);

		assertThat(assertRefused(503).retryAfter()).isEqualTo("30");

		otherClient.close();
		await().atMost(WAIT).until(() -> openSockets() == 3);
		assertRefused(429);
	}

	@Test
	void handshakesOverTheStoresRateAreRefusedWithRetryAfterWhileOtherStoresGoOn() {
		for (int i = 0; i < 6; i++) {
			LiveClient client = open(() -> LiveClient.connect(url(), bearer()));
			client.close();
			await().atMost(WAIT).until(() -> this.push.connections(this.storeId) == 0);
		}

		LiveClient.Refused refused = assertRefused(429);

		assertThat(Integer.parseInt(refused.retryAfter())).isBetween(1, 60);
		openOfAnotherStore();
	}

	/** Opens a socket and waits until the server has registered it too, just after the handshake's answer. */
	private LiveClient open(Supplier<LiveClient> connect) {
		int before = this.push.connections(this.storeId);
		LiveClient client = connect.get();
		this.clients.add(client);
		await().atMost(WAIT).until(() -> this.push.connections(this.storeId) > before);
		return client;
	}

	/** Opens a socket of a store seeded for it, and waits until the server has registered it. */
	private LiveClient openOfAnotherStore() {
		String otherShop = "live-limits-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		UUID other = new StoreSeeds(this.context).install(otherShop, ZoneId.of("Europe/Berlin"), "EUR");
		LiveClient client = LiveClient.connect("ws://localhost:" + this.port + "/ws/stores/" + other,
				Map.of("Authorization", "Bearer " + SessionTokens.sign(otherShop, Webhooks.SECRET, Instant.now())));
		this.clients.add(client);
		await().atMost(WAIT).until(() -> this.push.connections(other) == 1);
		return client;
	}

	/** The sockets open on the instance, as its gauge reports them. */
	private double openSockets() {
		return this.meters.get("metricsdash.live.sockets").gauge().value();
	}

	private LiveClient.Refused assertRefused(int status) {
		LiveClient.Refused[] refused = new LiveClient.Refused[1];
		assertThatThrownBy(() -> LiveClient.connect(url(), bearer())).isInstanceOfSatisfying(LiveClient.Refused.class,
				(refusal) -> {
					assertThat(refusal.status()).isEqualTo(status);
					refused[0] = refusal;
				});
		return refused[0];
	}

	private String url() {
		return "ws://localhost:" + this.port + "/ws/stores/" + this.storeId;
	}

	private Map<String, String> bearer() {
		return Map.of("Authorization", "Bearer " + SessionTokens.sign(this.shop, Webhooks.SECRET, Instant.now()));
	}

}
