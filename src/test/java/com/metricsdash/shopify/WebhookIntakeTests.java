package com.metricsdash.shopify;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Webhooks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

@IntegrationTest
class WebhookIntakeTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WebhookProperties limits;

	@Autowired
	MeterRegistry meters;

	Webhooks webhooks;

	final String shop = "intake-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";

	@BeforeEach
	void setUp() {
		this.webhooks = new Webhooks(this.port);
	}

	/**
	 * The intake answers its address ahead of the app's filters and Spring MVC: any other method than POST gets 405
	 * and says which one, and every answer is timed by status, as Spring would have timed the request.
	 */
	@Test
	void otherMethodsGet405AndEveryAnswerIsTimedByStatus() throws Exception {
		Timer accepted = this.meters.timer(WebhookIntake.TIMER, "status", "200");
		Timer refused = this.meters.timer(WebhookIntake.TIMER, "status", "405");
		long acceptedBefore = accepted.count();
		long refusedBefore = refused.count();

		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + WebhookIntake.PATH)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(this.webhooks.deliver("orders/create", this.shop, UUID.randomUUID().toString(), "{\"id\":7}"))
			.isEqualTo(200);

		assertThat(answer.statusCode()).isEqualTo(405);
		assertThat(answer.headers().firstValue("Allow")).hasValue("POST");
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.body()).contains("\"status\":405", "\"instance\":\"/webhooks/shopify\"");
		assertThat(refused.count()).isEqualTo(refusedBefore + 1);
		assertThat(accepted.count()).isEqualTo(acceptedBefore + 1);
	}

	@Test
	void aBadOrMissingSignatureGets401AndNothingIsStored() {
		byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
		assertThat(this.webhooks.send("orders/create", this.shop, "bad-1", "bad-1", body, "AAAA")).isEqualTo(401);
		assertThat(this.webhooks.send("orders/create", this.shop, "bad-2", "bad-2", body, null)).isEqualTo(401);
		assertThat(this.webhooks.send("orders/create", this.shop, "bad-3", "bad-3", body,
				ShopifySignatures.signWebhook("some-other-secret", body))).isEqualTo(401);

		assertThat(storedFor(this.shop)).isZero();
	}

	@Test
	void aDeliveryWithoutAWebhookIdGets400AndNothingIsStored() throws Exception {
		byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/webhooks/shopify"))
				.header("Content-Type", "application/json")
				.header("X-Shopify-Topic", "orders/create")
				.header("X-Shopify-Shop-Domain", this.shop)
				.header("X-Shopify-Event-Id", UUID.randomUUID().toString())
				.header("X-Shopify-Hmac-Sha256", ShopifySignatures.signWebhook(Webhooks.SECRET, body))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.body()).contains("X-Shopify-Webhook-Id");
		assertThat(storedFor(this.shop)).isZero();
	}

	@Test
	void everyDeliveryOfOneActionIsAppliedThoughTheyShareAnEventId() {
		UUID store = installedStore();
		String event = UUID.randomUUID().toString();

		assertThat(this.webhooks.deliver("orders/create", this.shop, event, order(1001, "25.00"))).isEqualTo(200);
		assertThat(this.webhooks.deliver("orders/paid", this.shop, event, order(1001, "25.00"))).isEqualTo(200);
		assertThat(this.webhooks.deliver("inventory_levels/update", this.shop, event, """
				{"inventory_item_id": 7001, "location_id": 8001, "available": 4,
				 "updated_at": "2026-11-25T07:00:00-05:00"}""")).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(doneFor(this.shop)).isEqualTo(3);
			assertThat(ordersCounted(store)).isOne();
			assertThat(this.jdbc.sql("""
					select available from inventory_level
					where store_id = :store and inventory_item_id = 7001 and location_id = 8001""")
				.param("store", store)
				.query(Integer.class)
				.optional()).hasValue(4);
		});
	}

	@Test
	void aRepeatedWebhookIdIsStoredOnceAndAppliedOnce() {
		UUID store = installedStore();
		String webhookId = UUID.randomUUID().toString();
		String event = UUID.randomUUID().toString();
		assertThat(this.webhooks.deliverWithWebhookId(webhookId, "orders/create", this.shop, event, order(1002, "30.00")))
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> doneFor(this.shop) == 1);
		Instant processedAt = processedAt(webhookId);

		assertThat(this.webhooks.deliverWithWebhookId(webhookId, "orders/create", this.shop, event, order(1002, "30.00")))
			.isEqualTo(200);

		assertThat(storedFor(this.shop)).isOne();
		assertThat(processedAt(webhookId)).as("processed again").isEqualTo(processedAt);
		assertThat(ordersCounted(store)).isOne();
	}

	@Test
	void aSecondSubscriptionsDeliveryOfTheSameEventIsHarmless() {
		UUID store = installedStore();
		String event = UUID.randomUUID().toString();

		assertThat(this.webhooks.deliver("orders/create", this.shop, event, order(1003, "40.00"))).isEqualTo(200);
		assertThat(this.webhooks.deliver("orders/create", this.shop, event, order(1003, "40.00"))).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10)).until(() -> doneFor(this.shop) == 2);
		assertThat(ordersCounted(store)).isOne();
		assertThat(this.jdbc.sql("select sum(revenue) from sales_hourly where store_id = :store")
			.param("store", store)
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("40.00");
	}

	@Test
	void customerPersonalDataIsStrippedBeforeStoringAtEveryDepth() {
		this.webhooks.deliver("orders/create", this.shop, UUID.randomUUID().toString(), """
				{"id": 7, "email": "jane@example.com", "customer": {"first_name": "Jane"},
				 "shipping_address": {"address1": "1 Main St"}, "total_price": "10.00",
				 "order_status_url": "https://x.myshopify.com/1/orders/status-token-7/authenticate?key=k",
				 "line_items": [{"id": 71, "sku": "MUG", "properties": [{"name": "Engraving", "value": "For Jane"}]}],
				 "fulfillments": [{"id": 72, "destination": {"address1": "2 Side St"}}],
				 "refunds": [{"id": 73, "order_id": 7, "note": "Jane changed her mind",
				   "refund_line_items": [{"line_item": {"id": 71, "properties": [{"name": "To", "value": "Jane"}]}}]}]}""");

		String payload = this.jdbc.sql("select payload from webhook_inbox where shop_domain = :shop")
			.param("shop", this.shop)
			.query(String.class)
			.single();
		assertThat(payload).contains("\"total_price\"", "\"MUG\"", "\"order_id\":7")
			.doesNotContain("jane", "Jane", "Main St", "Side St", "status-token-7");
	}

	@Test
	void aSignedBodyThatIsNotJsonIsParkedWithItsReasonWithoutBlockingOthers() {
		assertThat(this.webhooks.deliver("orders/create", this.shop, "broken-" + UUID.randomUUID(), "{not json"))
			.isEqualTo(200);
		assertThat(this.webhooks.deliver("some/unknown_topic", this.shop, "unknown-" + UUID.randomUUID(), "{}"))
			.isEqualTo(200);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(status("broken-")).isEqualTo("PARKED");
			assertThat(status("unknown-")).isEqualTo("DONE");
		});
		assertThat(this.jdbc.sql("select last_error from webhook_inbox where shop_domain = :shop and event_id like 'broken-%'")
			.param("shop", this.shop)
			.query(String.class)
			.single()).contains("not JSON");
	}

	@ParameterizedTest
	@MethodSource("unreadableOrders")
	void aPayloadTheHandlersCannotReadIsParkedAfterOneAttemptWithItsReason(String payload, String reason) {
		installedStore();
		String webhookId = UUID.randomUUID().toString();

		assertThat(this.webhooks.deliverWithWebhookId(webhookId, "orders/create", this.shop,
				UUID.randomUUID().toString(), payload)).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10)).until(() -> "PARKED".equals(delivery(webhookId).get("status")));
		assertThat(delivery(webhookId)).containsEntry("attempts", 1);
		assertThat((String) delivery(webhookId).get("last_error")).startsWith("the payload cannot be read: ")
			.contains(reason);
	}

	static Stream<Arguments> unreadableOrders() {
		String order = order(1004, "25.00");
		return Stream.of(arguments(order.replace("\"id\": 1004, ", ""), "No id in the payload"),
				arguments(order.replace("\"id\": 1004", "\"id\": \"1004x\""), "1004x"),
				arguments(order.replace("\"created_at\": \"2026-11-25T07:00:00-05:00\"", "\"created_at\": \"today\""),
						"'today' could not be parsed"),
				arguments(order.replace("{\"shop_money\": {\"amount\": \"25.00\", \"currency_code\": \"USD\"}}",
						"\"25.00\""), "No total_price_set of order 1004 in the payload"));
	}

	@Test
	void aDeliveryTheDatabaseRefusesIsRetriedWithBackoffRatherThanParked() {
		installedStore();
		String webhookId = UUID.randomUUID().toString();

		assertThat(this.webhooks.deliverWithWebhookId(webhookId, "orders/create", this.shop,
				UUID.randomUUID().toString(), order(1005, "25.00").replace("\"USD\"", "\"DOLLARS\""))).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<String, Object> delivery = delivery(webhookId);
			assertThat(delivery).containsEntry("status", "PENDING").containsEntry("due_later", true);
			assertThat((int) delivery.get("attempts")).isPositive();
			assertThat((String) delivery.get("last_error")).contains("DataIntegrityViolationException");
		});
	}

	@Test
	void aBodyOverTheLimitIsRefusedUnreadOnItsContentLength() throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.getOutputStream().write(("POST /webhooks/shopify HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: application/json\r\nX-Shopify-Topic: orders/create\r\n"
					+ "Content-Length: " + (maxBody() + 1) + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			assertThat(statusLine).isEqualTo("HTTP/1.1 413 ");
		}
	}

	@Test
	void aSignedBodyOverTheLimitIsRefusedAndNotStored() {
		assertThat(this.webhooks.deliver("orders/updated", this.shop, UUID.randomUUID().toString(),
				padded(maxBody() + 1))).isEqualTo(413);
		assertThat(storedFor(this.shop)).isZero();
	}

	@Test
	void aSignedChunkedBodyWithoutContentLengthIsRefusedOnceItPassesTheLimit() throws Exception {
		byte[] body = padded(maxBody() + 1).getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> answer = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.build()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/webhooks/shopify"))
				.header("Content-Type", "application/json")
				.header("X-Shopify-Topic", "orders/updated")
				.header("X-Shopify-Shop-Domain", this.shop)
				.header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
				.header("X-Shopify-Triggered-At", Instant.now().toString())
				.header("X-Shopify-Hmac-Sha256", ShopifySignatures.signWebhook(Webhooks.SECRET, body))
				// a stream of unknown length goes out chunked, without Content-Length
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(413);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.body()).contains("larger than " + maxBody() + " bytes");
		assertThat(storedFor(this.shop)).isZero();
	}

	@Test
	void aBodyAtTheLimitIsAccepted() {
		assertThat(this.webhooks.deliver("orders/updated", this.shop, UUID.randomUUID().toString(),
				padded(maxBody()))).isEqualTo(200);
		assertThat(storedFor(this.shop)).isOne();
	}

	@Test
	void aDeliveryTriggeredLongerAgoThanTheWindowIsAcknowledgedButNeitherStoredNorApplied() {
		UUID store = installedStore();
		Instant outside = Instant.now().minus(this.limits.triggeredWithin()).minusSeconds(60);

		assertThat(this.webhooks.deliverTriggeredAt(outside, "orders/create", this.shop, order(1006, "25.00")))
			.isEqualTo(200);

		assertThat(storedFor(this.shop)).isZero();
		assertThat(ordersCounted(store)).isZero();
	}

	@Test
	void aDeliveryTriggeredWithinTheWindowIsStoredThoughLate() {
		Instant late = Instant.now().minus(this.limits.triggeredWithin()).plusSeconds(3600);

		assertThat(this.webhooks.deliverTriggeredAt(late, "orders/create", this.shop, order(1007, "25.00")))
			.isEqualTo(200);

		assertThat(storedFor(this.shop)).isOne();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "yesterday" })
	void aDeliveryWithoutAReadableTriggerTimeGets400AndNothingIsStored(String triggeredAt) throws Exception {
		byte[] body = order(1008, "25.00").getBytes(StandardCharsets.UTF_8);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/webhooks/shopify"))
			.header("Content-Type", "application/json")
			.header("X-Shopify-Topic", "orders/create")
			.header("X-Shopify-Shop-Domain", this.shop)
			.header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
			.header("X-Shopify-Hmac-Sha256", ShopifySignatures.signWebhook(Webhooks.SECRET, body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (!triggeredAt.isEmpty()) {
			request.header("X-Shopify-Triggered-At", triggeredAt);
		}

		HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.body()).contains("X-Shopify-Triggered-At");
		assertThat(storedFor(this.shop)).isZero();
	}

	/** A JSON object of exactly {@code size} bytes. */
	private static String padded(int size) {
		String frame = "{\"id\": 9, \"padding\": \"\"}";
		return frame.replace("\"\"}", "\"" + "x".repeat(size - frame.length()) + "\"}");
	}

	private int maxBody() {
		return (int) this.limits.maxBody().toBytes();
	}

	/** The shop as installed, with its initial sync done, so that its deliveries are applied. */
	private UUID installedStore() {
		return this.jdbc.sql("""
				insert into store (shopify_domain, timezone, currency, sync_status)
				values (:shop, 'America/New_York', 'USD', 'COMPLETE') returning id""")
			.param("shop", this.shop)
			.query(UUID.class)
			.single();
	}

	private static String order(long id, String total) {
		return """
				{"id": %d, "created_at": "2026-11-25T07:00:00-05:00", "processed_at": "2026-11-25T07:00:00-05:00",
				 "updated_at": "2026-11-25T07:00:00-05:00", "currency": "USD", "test": false,
				 "total_price_set": {"shop_money": {"amount": "%s", "currency_code": "USD"}},
				 "financial_status": "paid", "line_items": []}""".formatted(id, total);
	}

	private int ordersCounted(UUID store) {
		return this.jdbc.sql("select coalesce(sum(orders), 0) from sales_hourly where store_id = :store")
			.param("store", store)
			.query(Integer.class)
			.single();
	}

	private int doneFor(String shop) {
		return this.jdbc.sql("select count(*) from webhook_inbox where shop_domain = :shop and status = 'DONE'")
			.param("shop", shop)
			.query(Integer.class)
			.single();
	}

	private Instant processedAt(String webhookId) {
		return this.jdbc.sql("select processed_at from webhook_inbox where webhook_id = :webhookId")
			.param("webhookId", webhookId)
			.query(Instant.class)
			.single();
	}

	/** The inbox row of a delivery, with {@code due_later} telling whether its next attempt lies in the future. */
	private Map<String, Object> delivery(String webhookId) {
		return this.jdbc.sql("""
				select status, attempts, last_error, next_attempt_at > now() as due_later from webhook_inbox
				where webhook_id = :webhookId""")
			.param("webhookId", webhookId)
			.query()
			.singleRow();
	}

	private int storedFor(String shop) {
		return this.jdbc.sql("select count(*) from webhook_inbox where shop_domain = :shop")
			.param("shop", shop)
			.query(Integer.class)
			.single();
	}

	private String status(String eventPrefix) {
		return this.jdbc.sql("select status from webhook_inbox where shop_domain = :shop and event_id like :prefix")
			.param("shop", this.shop)
			.param("prefix", eventPrefix + "%")
			.query(String.class)
			.single();
	}

}
