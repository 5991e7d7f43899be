package com.metricsdash.live;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.metricsdash.shop.StoreSeeds;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.SessionTokens;
import com.metricsdash.testing.Webhooks;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bounded sender pool at its smallest: one thread, and room for one socket to wait for it. A client that stops
 * reading holds the thread with a frame far larger than the network buffers (the per-socket buffer limit is raised so
 * that it is not closed for it first). Each socket follows a store of its own, so that the dashboard's every-30-s
 * refresh of one store never asks the pool for more than one thread at once.
 */
@IntegrationTest
@TestPropertySource(properties = { "metricsdash.live.sender-threads=1", "metricsdash.live.sender-queue=1",
		"metricsdash.live.buffer-size-limit=64MB" })
class LiveSenderPoolTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	LivePush push;

	@Autowired
	MeterRegistry meters;

	final BlockingQueue<LiveConnected> connected = new LinkedBlockingQueue<>();

	final ApplicationListener<PayloadApplicationEvent<LiveConnected>> announcements = ApplicationListener
		.forPayload(this.connected::add);

	final List<LiveClient> clients = new ArrayList<>();

	@BeforeEach
	void listen() {
		((ConfigurableApplicationContext) this.context).addApplicationListener(this.announcements);
	}

	@AfterEach
	void closeClients() {
		((ConfigurableApplicationContext) this.context).removeApplicationListener(this.announcements);
		this.clients.forEach(LiveClient::close);
	}

	@Test
	void aSocketThatFindsTheSenderBusyAndNoRoomToWaitIsClosedWith1013AndTheOthersStayOpen() throws Exception {
		Socket stalled = open(false);
		Socket waiting = open(true);
		Socket dropped = open(true);

		this.push.sendTo(stalled.sessionId(), fragment("x".repeat(32 * 1024 * 1024)));
		await().atMost(WAIT).until(() -> senders("executor.active") == 1);
		this.push.sendTo(waiting.sessionId(), fragment("waits"));
		await().atMost(WAIT).until(() -> senders("executor.queued") == 1);
		this.push.sendTo(dropped.sessionId(), fragment("finds no room"));

		assertThat(dropped.client().closeCode(WAIT)).isEqualTo(1013);
		assertThat(this.push.connections(dropped.storeId())).isZero();
		assertThat(this.push.connections(waiting.storeId())).isEqualTo(1);
		assertThat(this.push.connections(stalled.storeId())).isEqualTo(1);
		assertThat(waiting.client().closeCode(Duration.ZERO)).isNull();
	}

	/**
	 * Opens a socket of a new store, reading or stalled, and waits until its greeting from the widgets has left the
	 * pool, so that the pool is idle when the test starts.
	 */
	private Socket open(boolean reads) throws InterruptedException {
		String shop = "senders-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		UUID storeId = new StoreSeeds(this.context).install(shop, ZoneId.of("Europe/Berlin"), "EUR");
		String url = "ws://localhost:" + this.port + "/ws/stores/" + storeId;
		Map<String, String> bearer = Map.of("Authorization",
				"Bearer " + SessionTokens.sign(shop, Webhooks.SECRET, Instant.now()));
		LiveClient client = reads ? LiveClient.connect(url, bearer) : LiveClient.stalled(url, bearer);
		this.clients.add(client);
		LiveConnected announcement = this.connected.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(announcement).as("the socket's announcement").isNotNull();
		await().atMost(WAIT).until(() -> senders("executor.active") == 0 && senders("executor.queued") == 0);
		return new Socket(storeId, client, announcement.sessionId());
	}

	private double senders(String gauge) {
		return this.meters.get(gauge).tag("name", "live-send").gauge().value();
	}

	private static LiveMessage fragment(String text) {
		return new LiveMessage("<p id=\"senders\" hx-swap-oob=\"true\">" + text + "</p>", null, null);
	}

	private record Socket(UUID storeId, LiveClient client, String sessionId) {
	}

}
