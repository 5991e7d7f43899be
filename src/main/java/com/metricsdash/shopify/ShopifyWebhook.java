package com.metricsdash.shopify;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * A verified webhook delivery taken from the inbox, published to the modules that handle its topic. Listeners run in
 * the inbox worker's transaction: if one throws, the delivery is retried later, so handlers must be idempotent; one
 * that cannot read the payload throws an {@link IllegalArgumentException}, a {@link java.time.DateTimeException} or
 * a Jackson exception, and the delivery is parked at once instead.
 *
 * @param topic the topic as in {@code X-Shopify-Topic}, e.g. {@code orders/create}
 * @param webhookId {@code X-Shopify-Webhook-Id}, the delivery's own id; its event id is not given, since Shopify
 * shares it between the different deliveries of one action and so it names no change of its own
 */
public record ShopifyWebhook(String topic, ShopDomain shop, JsonNode payload, String webhookId, Instant triggeredAt) {
}
