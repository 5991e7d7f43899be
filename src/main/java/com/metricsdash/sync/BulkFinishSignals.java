package com.metricsdash.sync;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.metricsdash.shopify.ShopifyWebhook;
import com.metricsdash.shopify.ShopifyWebhooks;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Wakes a sync waiting for its export as soon as Shopify's {@code bulk_operations/finish} webhook arrives; polling
 * still runs, so a lost webhook only makes the wait as long as the poll interval.
 */
@Component
class BulkFinishSignals {

	private final Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();

	/** Waits up to {@code timeout} for the bulk operation's finish webhook. */
	void await(String bulkOperationId, Duration timeout) {
		CountDownLatch latch = this.waiting.computeIfAbsent(bulkOperationId, (id) -> new CountDownLatch(1));
		try {
			if (latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.waiting.remove(bulkOperationId);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Shopify's export", ex);
		}
	}

	@EventListener
	void finished(ShopifyWebhooks webhooks) {
		for (ShopifyWebhook webhook : webhooks.of("bulk_operations/finish")) {
			String id = webhook.payload().path("admin_graphql_api_id").asString("");
			this.waiting.computeIfAbsent(id, (key) -> new CountDownLatch(1)).countDown();
		}
	}

}
