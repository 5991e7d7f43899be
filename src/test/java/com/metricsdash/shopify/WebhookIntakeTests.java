package com.metricsdash.shopify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class WebhookIntakeTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Webhooks webhooks;

	final String shop = "intake-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";

	@BeforeEach
	void setUp() {
		this.webhooks = new Webhooks(this.port);
	}

	@Test
	void aBadOrMissingSignatureGets401AndNothingIsStored() {
		byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
		assertThat(this.webhooks.send("orders/create", this.shop, "bad-1", body, "AAAA")).isEqualTo(401);
		assertThat(this.webhooks.send("orders/create", this.shop, "bad-2", body, null)).isEqualTo(401);
		assertThat(this.webhooks.send("orders/create", this.shop, "bad-3", body,
				ShopifySignatures.signWebhook("some-other-secret", body))).isEqualTo(401);

		assertThat(storedFor(this.shop)).isZero();
	}

	@Test
	void aVerifiedDeliveryIsStoredOnceAndRepeatsAreAcknowledged() {
		String event = UUID.randomUUID().toString();
		assertThat(this.webhooks.deliver("orders/create", this.shop, event, "{\"id\":1}")).isEqualTo(200);
		assertThat(this.webhooks.deliver("orders/create", this.shop, event, "{\"id\":1}")).isEqualTo(200);

		assertThat(storedFor(this.shop)).isOne();
	}

	@Test
	void customerPersonalDataIsStrippedBeforeStoring() {
		this.webhooks.deliver("orders/create", this.shop, UUID.randomUUID().toString(), """
				{"id": 7, "email": "jane@example.com", "customer": {"first_name": "Jane"},
				 "shipping_address": {"address1": "1 Main St"}, "total_price": "10.00"}""");

		String payload = this.jdbc.sql("select payload from webhook_inbox where shop_domain = :shop")
			.param("shop", this.shop)
			.query(String.class)
			.single();
		assertThat(payload).contains("\"total_price\"").doesNotContain("jane", "Jane", "Main St");
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

	@Test
	void aBodyOverTheLimitIsRefusedUnread() throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.getOutputStream().write(("POST /webhooks/shopify HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: application/json\r\nX-Shopify-Topic: orders/create\r\n"
					+ "Content-Length: " + (WebhookController.MAX_BODY_BYTES + 1) + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			assertThat(statusLine).isEqualTo("HTTP/1.1 413 ");
		}
	}

	@Test
	void aFiveMegabyteDeliveryIsAccepted() {
		String body = "{\"id\": 9, \"padding\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}";
		assertThat(this.webhooks.deliver("orders/updated", this.shop, UUID.randomUUID().toString(), body))
			.isEqualTo(200);
		assertThat(storedFor(this.shop)).isOne();
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
