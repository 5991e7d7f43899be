package com.metricsdash.shopify;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The known-answer vectors of SHOPIFY.md. */
class ShopifySignaturesTests {

	private static final Map<String, String> CALLBACK = Map.of("code", "0907a61c0c8d55e99db179b68161bc00", "shop",
			"some-shop.myshopify.com", "state", "0.6784241404160823", "timestamp", "1337178173");

	@Test
	void queryMessageIsSortedKeyValuePairs() {
		assertThat(ShopifySignatures.queryMessage(new LinkedHashMap<>(CALLBACK))).isEqualTo(
				"code=0907a61c0c8d55e99db179b68161bc00&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173");
	}

	@Test
	void querySignatureMatchesShopifysKnownAnswer() {
		assertThat(ShopifySignatures.signQuery("hush", CALLBACK))
			.isEqualTo("700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf");
	}

	@Test
	void queryVerificationIgnoresTheHmacAndSignatureParametersAndRejectsTampering() {
		Map<String, String> signed = new LinkedHashMap<>(CALLBACK);
		signed.put("hmac", "700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf");
		signed.put("signature", "legacy");
		assertThat(ShopifySignatures.verifyQuery("hush", signed)).isTrue();

		signed.put("shop", "other-shop.myshopify.com");
		assertThat(ShopifySignatures.verifyQuery("hush", signed)).isFalse();
		assertThat(ShopifySignatures.verifyQuery("hush", CALLBACK)).as("no hmac at all").isFalse();
	}

	@Test
	void spacesArePercentEncoded() {
		assertThat(ShopifySignatures.queryMessage(Map.of("b", "x y", "a", "1&2"))).isEqualTo("a=1%262&b=x%20y");
	}

	@Test
	void webhookSignatureMatchesShopifysKnownAnswer() {
		byte[] body = "{\"foo\": \"bar\"}".getBytes(StandardCharsets.UTF_8);
		assertThat(ShopifySignatures.signWebhook("test_secret_key", body))
			.isEqualTo("B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=");
		assertThat(ShopifySignatures.verifyWebhook("test_secret_key", body,
				"B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=")).isTrue();
		assertThat(ShopifySignatures.verifyWebhook("test_secret_key", "{\"foo\":\"bar\"}".getBytes(StandardCharsets.UTF_8),
				"B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=")).as("re-serialised JSON").isFalse();
		assertThat(ShopifySignatures.verifyWebhook("test_secret_key", body, null)).isFalse();
	}

}
