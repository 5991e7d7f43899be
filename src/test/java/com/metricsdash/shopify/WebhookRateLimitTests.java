package com.metricsdash.shopify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import com.metricsdash.testing.LowLimits;
import com.metricsdash.testing.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhook deliveries limited per shop, at 3 a minute here ({@link LowLimits}); real HTTP, Redis and PostgreSQL. */
@LowLimits
class WebhookRateLimitTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aShopOverItsLimitGets429WithRetryAfterAndNothingStoredWhileOtherShopsGoOn() throws Exception {
		String shop = newShop();
		for (int i = 0; i < 3; i++) {
			assertThat(deliver(shop, Webhooks.SECRET).statusCode()).isEqualTo(200);
		}

		HttpResponse<String> refused = deliver(shop, Webhooks.SECRET);

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("Too many deliveries for " + shop + ": at most 3 requests every 60 seconds");
		assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
				(seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
		assertThat(stored(shop)).isEqualTo(3);
		assertThat(deliver(newShop(), Webhooks.SECRET).statusCode()).isEqualTo(200);
	}

	@Test
	void deliveriesWithoutTheRightSignatureDoNotUseUpTheShopsAllowance() throws Exception {
		String shop = newShop();
		for (int i = 0; i < 5; i++) {
			assertThat(deliver(shop, "a-forged-secret").statusCode()).isEqualTo(401);
		}

		for (int i = 0; i < 3; i++) {
			assertThat(deliver(shop, Webhooks.SECRET).statusCode()).isEqualTo(200);
		}
	}

	private HttpResponse<String> deliver(String shop, String secret) throws Exception {
		byte[] body = ("{\"shop_domain\":\"" + shop + "\"}").getBytes(StandardCharsets.UTF_8);
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/webhooks/shopify"))
			.header("Content-Type", "application/json")
			.header("X-Shopify-Topic", "customers/data_request")
			.header("X-Shopify-Shop-Domain", shop)
			.header("X-Shopify-API-Version", ShopifyProperties.PINNED_API_VERSION)
			.header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
			.header("X-Shopify-Event-Id", UUID.randomUUID().toString())
			.header("X-Shopify-Triggered-At", Instant.now().toString())
			.header("X-Shopify-Hmac-Sha256", ShopifySignatures.signWebhook(secret, body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private int stored(String shop) {
		return this.jdbc.sql("select count(*) from webhook_inbox where shop_domain = :shop")
			.param("shop", shop)
			.query(Integer.class)
			.single();
	}

	private static String newShop() {
		return "limits-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
	}

}
