package com.metricsdash.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import com.metricsdash.shopify.ShopifyProperties;
import com.metricsdash.shopify.ShopifySignatures;

/** Sends webhook deliveries to the app over real HTTP, signed as Shopify signs them (or not). */
public final class Webhooks {

	public static final String SECRET = "metricsdash-local-secret-0123456789abcdef";

	private final HttpClient http = HttpClient.newHttpClient();

	private final int port;

	public Webhooks(int port) {
		this.port = port;
	}

	/**
	 * What {@code app/uninstalled} carries: the shop, which the app checks against {@code X-Shopify-Shop-Domain}
	 * before it acts.
	 */
	public static String uninstalledBody(String shop) {
		return "{\"name\": \"Shop\", \"domain\": \"shop.example.com\", \"myshopify_domain\": \"" + shop + "\"}";
	}

	/** Delivers a signed body as a delivery of its own (a new webhook id) of the given event; returns the HTTP status. */
	public int deliver(String topic, String shop, String eventId, String body) {
		return deliverWithWebhookId(UUID.randomUUID().toString(), topic, shop, eventId, body);
	}

	/**
	 * Delivers a signed body under the given webhook id, as Shopify repeats it when it retries or duplicates that
	 * delivery; returns the HTTP status.
	 */
	public int deliverWithWebhookId(String webhookId, String topic, String shop, String eventId, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return send(topic, shop, webhookId, eventId, bytes, ShopifySignatures.signWebhook(SECRET, bytes));
	}

	/** Delivers a signed body of an action Shopify says happened at {@code triggeredAt}; returns the HTTP status. */
	public int deliverTriggeredAt(Instant triggeredAt, String topic, String shop, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return send(topic, shop, UUID.randomUUID().toString(), UUID.randomUUID().toString(), bytes,
				ShopifySignatures.signWebhook(SECRET, bytes), triggeredAt);
	}

	/** Delivers raw bytes with the given webhook id and signature header ({@code null} for none), triggered now. */
	public int send(String topic, String shop, String webhookId, String eventId, byte[] body, String signature) {
		return send(topic, shop, webhookId, eventId, body, signature, Instant.now());
	}

	/** Delivers a signed body as a delivery of its own, triggered now; returns the whole answer. */
	public HttpResponse<String> exchange(String topic, String shop, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return exchange(topic, shop, UUID.randomUUID().toString(), UUID.randomUUID().toString(), bytes,
				ShopifySignatures.signWebhook(SECRET, bytes), Instant.now());
	}

	/** Delivers a signed body under the given webhook id, as Shopify repeats it when it retries; the whole answer. */
	public HttpResponse<String> exchangeWithWebhookId(String webhookId, String topic, String shop, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return exchange(topic, shop, webhookId, UUID.randomUUID().toString(), bytes,
				ShopifySignatures.signWebhook(SECRET, bytes), Instant.now());
	}

	private int send(String topic, String shop, String webhookId, String eventId, byte[] body, String signature,
			Instant triggeredAt) {
		return exchange(topic, shop, webhookId, eventId, body, signature, triggeredAt).statusCode();
	}

	private HttpResponse<String> exchange(String topic, String shop, String webhookId, String eventId, byte[] body,
			String signature, Instant triggeredAt) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/webhooks/shopify"))
			.header("Content-Type", "application/json")
			.header("X-Shopify-Topic", topic)
			.header("X-Shopify-Shop-Domain", shop)
			.header("X-Shopify-API-Version", ShopifyProperties.PINNED_API_VERSION)
			.header("X-Shopify-Event-Id", eventId)
			.header("X-Shopify-Triggered-At", triggeredAt.toString())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (webhookId != null) {
			request.header("X-Shopify-Webhook-Id", webhookId);
		}
		if (signature != null) {
			request.header("X-Shopify-Hmac-Sha256", signature);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
