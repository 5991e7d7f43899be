package com.metricsdash.shopify;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Webhooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stored delivery wakes the inbox worker of its instance, so it is processed at once and not at the next poll,
 * which this instance does only every 30 s. The test contexts of a full run share one database, and the others poll
 * it every 200 ms, so now and then one of them may win a delivery: hence each delivery must be done within a second
 * by whichever worker, and this instance's worker, which without the wake would take none of them, must have taken
 * them.
 */
@IntegrationTest
@TestPropertySource(properties = "metricsdash.webhooks.poll-interval=30s")
class WebhookWakeTests {

	@LocalServerPort
	int port;

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	final String shop = "wake-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";

	final List<String> handledHere = new CopyOnWriteArrayList<>();

	final ApplicationListener<PayloadApplicationEvent<ShopifyWebhooks>> worker = ApplicationListener
		.forPayload((webhooks) -> webhooks.deliveries().forEach((webhook) -> this.handledHere.add(webhook.webhookId())));

	@BeforeEach
	void listenToThisInstancesWorker() {
		this.context.addApplicationListener(this.worker);
	}

	@AfterEach
	void stopListening() {
		this.context.removeApplicationListener(this.worker);
	}

	@Test
	void aStoredDeliveryIsProcessedAtOnceRatherThanAtTheNextPoll() {
		Webhooks webhooks = new Webhooks(this.port);
		List<String> deliveries = List.of("wake-1-" + UUID.randomUUID(), "wake-2-" + UUID.randomUUID(),
				"wake-3-" + UUID.randomUUID());

		for (String delivery : deliveries) {
			assertThat(webhooks.deliverWithWebhookId(delivery, "customers/data_request", this.shop,
					UUID.randomUUID().toString(), "{\"shop_domain\": \"" + this.shop + "\"}")).isEqualTo(200);
			await().atMost(Duration.ofSeconds(1))
				.pollInterval(Duration.ofMillis(10))
				.untilAsserted(() -> assertThat(status(delivery)).as(delivery).isEqualTo("DONE"));
		}

		assertThat(this.handledHere).as("deliveries this instance's worker processed")
			.containsAnyElementsOf(deliveries);
	}

	private String status(String webhookId) {
		return this.jdbc.sql("select status from webhook_inbox where webhook_id = :webhookId")
			.param("webhookId", webhookId)
			.query(String.class)
			.single();
	}

}
