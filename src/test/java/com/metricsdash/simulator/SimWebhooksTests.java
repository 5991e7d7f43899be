package com.metricsdash.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.metricsdash.simulator.SimWebhooks.DeliveryAttempt;
import com.metricsdash.simulator.SimWebhooks.DeliveryMode;
import com.metricsdash.simulator.WebhookReceiver.Received;
import com.metricsdash.shopify.ShopifySignatures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimWebhooksTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final SimShop shop = new SimShop("hooks.myshopify.com", "Hooks", ZoneId.of("America/New_York"), "USD",
			DemoShopFactory.DEMO_FIRST_ID);

	private SimWebhooks webhooks = TestSimulator.webhooks(Duration.ofMillis(50), Duration.ofMillis(50));

	@AfterEach
	void stop() {
		this.webhooks.destroy();
	}

	private static String bodyOf(Received received) {
		return new String(received.body(), StandardCharsets.UTF_8);
	}

	@Test
	void deliveryCarriesEveryShopifyHeaderAndASignatureOfTheRawBody() throws Exception {
		try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "ORDERS_CREATE");
			this.webhooks.publish(this.shop, "orders/create", Map.of("id", 9_007_199_254_741_993L, "name", "#1001"));

			Received received = receiver.await(1, WAIT).get(0);
			assertThat(received.header("Content-Type")).isEqualTo("application/json");
			assertThat(received.header("X-Shopify-Topic")).isEqualTo("orders/create");
			assertThat(received.header("X-Shopify-Shop-Domain")).isEqualTo("hooks.myshopify.com");
			assertThat(received.header("X-Shopify-API-Version")).isEqualTo("2026-10");
			assertThat(received.header("X-Shopify-Webhook-Id")).isNotBlank();
			assertThat(received.header("X-Shopify-Event-Id")).isNotBlank();
			assertThat(Instant.parse(received.header("X-Shopify-Triggered-At"))).isEqualTo(TestSimulator.NOW);
			assertThat(ShopifySignatures.verifyWebhook(TestSimulator.SECRET, received.body(),
					received.header("X-Shopify-Hmac-Sha256"))).isTrue();
			assertThat(new String(received.body(), StandardCharsets.UTF_8)).contains("\"id\":9007199254741993");
		}
	}

	@Test
	void onlySubscriptionsOfTheEventsTopicReceiveIt() throws Exception {
		try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "BULK_OPERATIONS_FINISH", "APP_UNINSTALLED");
			this.webhooks.publish(this.shop, "orders/create", Map.of("id", 1));
			this.webhooks.publish(this.shop, "bulk_operations/finish", Map.of("id", 2));

			assertThat(receiver.after(Duration.ofMillis(500))).extracting((r) -> r.header("X-Shopify-Topic"))
				.containsExactly("bulk_operations/finish");
		}
	}

	@Test
	void failedDeliveryIsRetriedUntilTheAppAnswers2xx() throws Exception {
		try (WebhookReceiver receiver = WebhookReceiver.answering(500, 503, 200)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "ORDERS_CREATE");
			this.webhooks.publish(this.shop, "orders/create", Map.of("id", 1));

			List<Received> received = receiver.await(3, WAIT);
			assertThat(received).hasSize(3);
			assertThat(received).extracting((r) -> r.header("X-Shopify-Webhook-Id")).containsOnly(
					received.get(0).header("X-Shopify-Webhook-Id"));
			assertThat(receiver.after(Duration.ofMillis(300))).hasSize(3);
			assertThat(this.webhooks.attempts(this.shop.domain(), 10)).extracting(DeliveryAttempt::status)
				.containsExactly(200, 503, 500);
			assertThat(this.shop.webhookSubscriptions()).hasSize(1);
		}
	}

	@Test
	void aDeliveryFailingEveryRetryIsGivenUpWhileItsSubscriptionHasFewerThanEightFailuresInARow() throws Exception {
		try (WebhookReceiver receiver = WebhookReceiver.answering(500)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "ORDERS_CREATE");
			this.webhooks.publish(this.shop, "orders/create", Map.of("id", 1));

			assertThat(receiver.await(3, WAIT)).hasSize(3);
			assertThat(receiver.after(Duration.ofMillis(300))).hasSize(3);
			assertThat(this.shop.webhookSubscriptions()).hasSize(1);
			assertThat(this.webhooks.attempts(this.shop.domain(), 1).get(0).outcome()).endsWith("gave up");
		}
	}

	@Test
	void eightDeliveriesInARowFailingEveryRetryDeleteTheSubscriptionWhileASuccessStartsTheCountAgain()
			throws Exception {
		this.webhooks.destroy();
		this.webhooks = TestSimulator.webhooks(Duration.ofMillis(20));
		int[] answers = new int[2 * 7 + 1 + 2 * 8];
		Arrays.fill(answers, 500);
		answers[2 * 7] = 200;
		try (WebhookReceiver receiver = WebhookReceiver.answering(answers)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "ORDERS_CREATE");

			publishOneByOne(receiver, 7, 0);
			this.webhooks.publish(this.shop, "orders/create", Map.of("id", 100));
			assertThat(receiver.await(15, WAIT)).hasSize(15);
			publishOneByOne(receiver, 7, 15);
			assertThat(this.shop.webhookSubscriptions()).as("a success started the count again").hasSize(1);

			this.webhooks.publish(this.shop, "orders/create", Map.of("id", 200));
			assertThat(receiver.await(31, WAIT)).hasSize(31);
			assertThat(receiver.after(Duration.ofMillis(200))).hasSize(31);
			assertThat(this.shop.webhookSubscriptions()).isEmpty();
			assertThat(this.webhooks.attempts(this.shop.domain(), 1).get(0).outcome())
				.endsWith("8 failed deliveries in a row: deleted the subscription");
		}
	}

	/** Publishes events one after the other, each once its two failing attempts came in. */
	private void publishOneByOne(WebhookReceiver receiver, int events, int receivedBefore) throws Exception {
		for (int event = 1; event <= events; event++) {
			this.webhooks.publish(this.shop, "orders/create", Map.of("id", event));
			assertThat(receiver.await(receivedBefore + 2 * event, WAIT)).hasSize(receivedBefore + 2 * event);
		}
		Thread.sleep(100);
	}

	@Test
	void duplicateModeSendsEachDeliveryTwiceUnderTheSameWebhookId() throws Exception {
		try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "ORDERS_UPDATED");
			this.webhooks.mode(this.shop.domain(), new DeliveryMode(true, false, Duration.ZERO, false));
			this.webhooks.publish(this.shop, "orders/updated", Map.of("id", 1));

			List<Received> received = receiver.await(2, WAIT);
			assertThat(received).hasSize(2);
			assertThat(received.get(0).header("X-Shopify-Event-Id"))
				.isEqualTo(received.get(1).header("X-Shopify-Event-Id"));
			assertThat(received.get(0).header("X-Shopify-Webhook-Id"))
				.isEqualTo(received.get(1).header("X-Shopify-Webhook-Id"));
		}
	}

	@Test
	void theWebhooksOfOneEventShareItsEventIdAndEachSubscriptionGetsADeliveryWithItsOwnWebhookId()
			throws Exception {
		try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "ORDERS_CREATE", "ORDERS_PAID");
			TestSimulator.subscribe(this.shop, receiver.url() + "/second", "ORDERS_CREATE");
			this.webhooks.publish(this.shop, List.of(new SimWebhooks.Message("orders/create", Map.of("id", 1)),
					new SimWebhooks.Message("orders/paid", Map.of("id", 1))));
			this.webhooks.publish(this.shop, "orders/create", Map.of("id", 2));

			List<Received> received = receiver.after(Duration.ofMillis(500));
			List<Received> first = received.stream().filter((r) -> bodyOf(r).equals("{\"id\":1}")).toList();
			List<Received> second = received.stream().filter((r) -> bodyOf(r).equals("{\"id\":2}")).toList();
			assertThat(first).extracting((r) -> r.header("X-Shopify-Topic"))
				.containsExactlyInAnyOrder("orders/create", "orders/create", "orders/paid");
			assertThat(first).extracting((r) -> r.header("X-Shopify-Event-Id"))
				.containsOnly(first.get(0).header("X-Shopify-Event-Id"));
			assertThat(first).extracting((r) -> r.header("X-Shopify-Webhook-Id")).doesNotHaveDuplicates();
			assertThat(second).hasSize(2);
			assertThat(second.get(0).header("X-Shopify-Event-Id"))
				.isEqualTo(second.get(1).header("X-Shopify-Event-Id"))
				.isNotEqualTo(first.get(0).header("X-Shopify-Event-Id"));
		}
	}

	@Test
	void dropModeSendsNothingButRecordsTheDrop() throws Exception {
		try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "ORDERS_CREATE");
			this.webhooks.mode(this.shop.domain(), new DeliveryMode(false, false, Duration.ZERO, true));
			this.webhooks.publish(this.shop, "orders/create", Map.of("id", 1));

			assertThat(receiver.after(Duration.ofMillis(500))).isEmpty();
			assertThat(this.webhooks.attempts(this.shop.domain(), 10)).extracting(DeliveryAttempt::outcome)
				.containsExactly("dropped");
		}
	}

	@Test
	void delayModeHoldsEachDeliveryBack() throws Exception {
		try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "ORDERS_CREATE");
			this.webhooks.mode(this.shop.domain(), new DeliveryMode(false, false, Duration.ofMillis(800), false));
			this.webhooks.publish(this.shop, "orders/create", Map.of("id", 1));

			assertThat(receiver.after(Duration.ofMillis(400))).isEmpty();
			assertThat(receiver.await(1, WAIT)).hasSize(1);
		}
	}

	@Test
	void shuffleModeDeliversABatchOutOfOrder() throws Exception {
		try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "ORDERS_CREATE");
			this.webhooks.mode(this.shop.domain(), new DeliveryMode(false, true, Duration.ZERO, false));
			List<String> published = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				this.webhooks.publish(this.shop, "orders/create", Map.of("id", i));
				published.add("{\"id\":" + i + "}");
			}

			List<String> bodies = receiver.await(20, WAIT)
				.stream()
				.map((r) -> new String(r.body(), StandardCharsets.UTF_8))
				.toList();
			assertThat(bodies).containsExactlyInAnyOrderElementsOf(published).isNotEqualTo(published);
		}
	}

	@Test
	void aShuffledDeliveryKeepsTheDelayOfItsOwnMode() throws Exception {
		try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "ORDERS_CREATE");
			this.webhooks.mode(this.shop.domain(), new DeliveryMode(false, true, Duration.ofSeconds(3), false));
			this.webhooks.publish(this.shop, "orders/create", Map.of("id", 1));
			this.webhooks.mode(this.shop.domain(), new DeliveryMode(false, true, Duration.ZERO, false));
			this.webhooks.publish(this.shop, "orders/create", Map.of("id", 2));

			// both in one shuffle window, the second goes out when it closes: not held back by the first's delay
			assertThat(receiver.await(1, SimWebhooks.SHUFFLE_WINDOW.plusSeconds(1))).extracting(SimWebhooksTests::bodyOf)
				.containsExactly("{\"id\":2}");
			assertThat(receiver.await(2, WAIT)).extracting(SimWebhooksTests::bodyOf)
				.containsExactly("{\"id\":2}", "{\"id\":1}");
		}
	}

}
