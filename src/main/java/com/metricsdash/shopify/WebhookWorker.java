package com.metricsdash.shopify;

import java.time.Clock;
import java.time.Duration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the webhook inbox: each delivery in a transaction of its own, its handlers inside a savepoint, so a handler
 * that fails leaves no half-applied change and the delivery is retried with backoff. A delivery that cannot succeed
 * (not JSON, or failing {@value #MAX_ATTEMPTS} times) is parked with its reason instead of blocking the rest.
 */
@Component
class WebhookWorker {

	static final int MAX_ATTEMPTS = 8;

	private static final Logger logger = LoggerFactory.getLogger(WebhookWorker.class);

	private final WebhookInbox inbox;

	private final ApplicationEventPublisher events;

	private final ObjectMapper json;

	private final Clock clock;

	private final TransactionTemplate delivery;

	private final TransactionTemplate handlers;

	WebhookWorker(WebhookInbox inbox, ApplicationEventPublisher events, ObjectMapper json, Clock clock,
			PlatformTransactionManager transactions) {
		this.inbox = inbox;
		this.events = events;
		this.json = json;
		this.clock = clock;
		this.delivery = new TransactionTemplate(transactions);
		this.handlers = new TransactionTemplate(transactions);
		this.handlers.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/** Processes every delivery that is due. */
	@Scheduled(fixedDelayString = "${metricsdash.webhooks.poll-interval:200ms}")
	void drain() {
		while (Boolean.TRUE.equals(this.delivery.execute((status) -> processNext()))) {
			// next delivery
		}
	}

	private boolean processNext() {
		var claimed = this.inbox.claim(1);
		if (claimed.isEmpty()) {
			return false;
		}
		WebhookInbox.Pending pending = claimed.get(0);
		JsonNode payload;
		try {
			payload = this.json.readTree(pending.payload());
		}
		catch (JacksonException ex) {
			park(pending, "the body is not JSON: " + ex.getOriginalMessage());
			return true;
		}
		try {
			this.handlers.executeWithoutResult((status) -> this.events.publishEvent(new ShopifyWebhook(pending.topic(),
					new ShopDomain(pending.shop()), payload, pending.eventId(), pending.triggeredAt())));
			this.inbox.done(pending.id());
		}
		catch (RuntimeException ex) {
			if (pending.attempts() + 1 >= MAX_ATTEMPTS) {
				park(pending, ex.toString());
			}
			else {
				Duration backoff = Duration.ofSeconds(Math.min(300, 1L << pending.attempts()));
				logger.warn("Webhook {} ({}) from {} failed, retrying in {}: {}", pending.eventId(), pending.topic(),
						pending.shop(), backoff, ex.toString());
				this.inbox.retryLater(pending.id(), this.clock.instant().plus(backoff), ex.toString());
			}
		}
		return true;
	}

	private void park(WebhookInbox.Pending pending, String reason) {
		logger.error("Webhook {} ({}) from {} parked: {}", pending.eventId(), pending.topic(), pending.shop(), reason);
		this.inbox.park(pending.id(), reason);
	}

}
