package com.metricsdash.simulator;

import java.util.Map;

import org.springframework.stereotype.Component;

/** Sends HMAC-signed webhook deliveries to the subscriptions of a shop, asynchronously and with retries. */
@Component
@ConditionalOnSimulator
class SimWebhooks {

	/**
	 * Publishes one event to every subscription of the shop to {@code topic}.
	 * @param shop the shop the event happened in
	 * @param topic the topic in REST form, e.g. {@code orders/create}, {@code bulk_operations/finish}
	 * @param payload the REST-shaped JSON body (maps, lists, strings, numbers)
	 */
	void publish(SimShop shop, String topic, Map<String, Object> payload) {
		throw new UnsupportedOperationException("not built yet");
	}

}
