package com.metricsdash.shopify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Makes sure a shop sends every {@link WebhookTopic} to our endpoint: lists the shop's subscriptions first and creates
 * only the missing ones, so running it again (a reinstall, a retry) changes nothing.
 */
@Component
public class WebhookSubscriptions {

	private final AdminApi api;

	WebhookSubscriptions(AdminApi api) {
		this.api = api;
	}

	/** Subscribes the missing topics and returns the ones it created. */
	public List<WebhookTopic> ensure(ShopDomain shop, String accessToken, String uri) {
		Set<String> existing = existing(shop, accessToken, uri);
		List<WebhookTopic> created = new ArrayList<>();
		for (WebhookTopic topic : WebhookTopic.values()) {
			if (existing.contains(topic.name())) {
				continue;
			}
			Map<String, Object> variables = new LinkedHashMap<>();
			variables.put("topic", topic.name());
			variables.put("uri", uri);
			JsonNode result = this.api
				.execute(shop, accessToken, AdminDocument.WEBHOOK_SUBSCRIPTION_CREATE, variables)
				.path("webhookSubscriptionCreate");
			JsonNode errors = result.path("userErrors");
			if (!errors.isEmpty()) {
				throw new AdminApiException("Could not subscribe " + shop + " to " + topic + ": "
						+ errors.get(0).path("message").asString(""), false);
			}
			created.add(topic);
		}
		return created;
	}

	private Set<String> existing(ShopDomain shop, String accessToken, String uri) {
		Set<String> topics = new HashSet<>();
		Pagination.forEachNode((after) -> {
			Map<String, Object> variables = new LinkedHashMap<>();
			variables.put("after", after);
			return this.api.execute(shop, accessToken, AdminDocument.WEBHOOK_SUBSCRIPTIONS, variables)
				.path("webhookSubscriptions");
		}, (subscription) -> {
			if (uri.equals(subscription.path("uri").asString(""))) {
				topics.add(subscription.path("topic").asString(""));
			}
		});
		return topics;
	}

}
