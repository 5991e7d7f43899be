package com.metricsdash.shopify;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the inbox from holding what Shopify's merchants and their customers may ask to have erased. The intake strips
 * the personal fields it knows of; whatever else a payload holds goes with the payload: with the whole row after
 * {@link WebhookProperties#keepProcessed} once applied, after {@link WebhookProperties#keepParked} once parked, at
 * once for the orders a {@code customers/redact} names, and with every row of the shop on {@code shop/redact}, which
 * the {@code shop} module acts on with the store's own rows. The handlers run in the worker's transaction, so a failed
 * erasure is retried like any delivery.
 */
@Component
public class WebhookPayloadErasure {

	private static final Logger logger = LoggerFactory.getLogger(WebhookPayloadErasure.class);

	static final int DELETED_AT_ONCE = 10_000;

	private final WebhookInbox inbox;

	private final WebhookProperties properties;

	private final Clock clock;

	WebhookPayloadErasure(WebhookInbox inbox, WebhookProperties properties, Clock clock) {
		this.inbox = inbox;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Deletes the deliveries applied longer than {@link WebhookProperties#keepProcessed} ago, {@value #DELETED_AT_ONCE}
	 * rows a statement so that no statement holds up the inbox for long (a store selling 100 orders a second leaves
	 * 360,000 an hour), and drops the payloads of those parked longer than {@link WebhookProperties#keepParked} ago,
	 * whose rows stay for the operator. Applied rows kept for ever had grown the inbox and each of its indexes by every
	 * delivery ever received.
	 */
	@Scheduled(fixedDelayString = "${metricsdash.webhooks.retention-interval:1h}",
			initialDelayString = "${metricsdash.webhooks.retention-interval:1h}")
	@SchedulerLock(name = "webhook-payload-retention", lockAtMostFor = "30m")
	void expire() {
		Instant now = this.clock.instant();
		Instant appliedBefore = now.minus(this.properties.keepProcessed());
		long deleted = 0;
		int last;
		do {
			last = this.inbox.deleteApplied(appliedBefore, DELETED_AT_ONCE);
			deleted += last;
		}
		while (last == DELETED_AT_ONCE);
		int dropped = this.inbox.dropParkedPayloads(now.minus(this.properties.keepParked()));
		if (deleted > 0 || dropped > 0) {
			logger.info("Webhook retention: deleted {} deliveries applied before {}, dropped the payloads of {} parked "
					+ "ones", deleted, appliedBefore, dropped);
		}
	}

	/** Deletes every delivery of the shop, for {@code shop/redact} once the {@code shop} module has let it act. */
	public int eraseShop(ShopDomain shop) {
		return this.inbox.eraseShop(shop);
	}

	/** {@code orders_to_redact} lists the customer's orders; the customer's id and e-mail were never stored. */
	@EventListener
	void customerRedact(ShopifyWebhooks webhooks) {
		webhooks.of("customers/redact").forEach(this::customerRedact);
	}

	private void customerRedact(ShopifyWebhook webhook) {
		List<Long> orders = new ArrayList<>();
		for (var id : webhook.payload().path("orders_to_redact")) {
			if (!id.canConvertToLong()) {
				throw new IllegalArgumentException("orders_to_redact holds " + id + ", which is no order id");
			}
			orders.add(id.asLong());
		}
		int dropped = this.inbox.dropOrderPayloads(webhook.shop(), orders);
		logger.info("customers/redact from {}: the payloads of {} webhook deliveries about {} orders dropped",
				webhook.shop(), dropped, orders.size());
	}

}
