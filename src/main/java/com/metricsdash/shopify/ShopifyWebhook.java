package com.metricsdash.shopify;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * One verified webhook delivery of a {@link ShopifyWebhooks} run.
 *
 * @param topic the topic as in {@code X-Shopify-Topic}, e.g. {@code orders/create}
 * @param webhookId {@code X-Shopify-Webhook-Id}, the delivery's own id; its event id is not given, since Shopify
 * shares it between the different deliveries of one action and so it names no change of its own
 */
public record ShopifyWebhook(String topic, ShopDomain shop, JsonNode payload, String webhookId, Instant triggeredAt) {
}
