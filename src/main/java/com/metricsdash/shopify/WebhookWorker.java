package com.metricsdash.shopify;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the webhook inbox: each delivery in a transaction of its own, its handlers inside a savepoint, so a handler
 * that fails leaves no half-applied change. A delivery that cannot succeed is parked with its reason instead of
 * blocking the rest: at once when its payload cannot be read (not JSON, or a handler finds no id, a bad number or
 * time, or a shape it does not know, see {@link #unreadablePayload}), since the same bytes fail the same way every
 * time; otherwise, as a failure of the database or of Shopify's API may pass, it is retried with backoff and parked
 * only after {@value #MAX_ATTEMPTS} attempts.
 * <p>
 * The intake wakes the worker as soon as it has stored a delivery, so an order reaches the dashboard in milliseconds
 * rather than at the next poll; the poll remains for what no wake announces: deliveries stored by other instances,
 * retries that fall due, and whatever was left when an instance stopped. Every drain of an instance runs on the
 * worker's one thread, so wakes and polls that come while a drain is waiting to start are merged into it.
 */
@Component
class WebhookWorker implements DisposableBean {

	static final int MAX_ATTEMPTS = 8;

	private static final Logger logger = LoggerFactory.getLogger(WebhookWorker.class);

	private final WebhookInbox inbox;

	private final ApplicationEventPublisher events;

	private final ObjectMapper json;

	private final Clock clock;

	private final TransactionTemplate delivery;

	private final TransactionTemplate handlers;

	private final ExecutorService drains = Executors.newSingleThreadExecutor(daemonThread());

	/** Whether a drain is waiting to start, which picks up every delivery stored until it does. */
	private final AtomicBoolean drainWaiting = new AtomicBoolean();

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

	/**
	 * Drains the inbox soon, on the worker's thread; called by the intake once a delivery has been stored (and
	 * committed), and by the poll.
	 */
	@Scheduled(fixedDelayString = "${metricsdash.webhooks.poll-interval:200ms}")
	void wake() {
		if (this.drainWaiting.compareAndSet(false, true)) {
			try {
				this.drains.execute(() -> {
					this.drainWaiting.set(false);
					try {
						drain();
					}
					catch (RuntimeException ex) {
						logger.warn("Draining the webhook inbox failed; the next poll tries again", ex);
					}
				});
			}
			catch (RejectedExecutionException ex) {
				logger.debug("The webhook worker has stopped; the inbox is drained after the next start");
			}
		}
	}

	@Override
	public void destroy() {
		this.drains.shutdownNow();
	}

	/** Processes every delivery that is due. */
	private void drain() {
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
					new ShopDomain(pending.shop()), payload, pending.webhookId(), pending.triggeredAt())));
			this.inbox.done(pending.id());
		}
		catch (RuntimeException ex) {
			if (unreadablePayload(ex)) {
				park(pending, "the payload cannot be read: " + ex.getMessage());
			}
			else if (pending.attempts() + 1 >= MAX_ATTEMPTS) {
				park(pending, ex.toString());
			}
			else {
				Duration backoff = Duration.ofSeconds(Math.min(300, 1L << pending.attempts()));
				logger.warn("Webhook {} ({}) from {} failed, retrying in {}: {}", pending.webhookId(), pending.topic(),
						pending.shop(), backoff, ex.toString());
				this.inbox.retryLater(pending.id(), this.clock.instant().plus(backoff), ex.toString());
			}
		}
		return true;
	}

	/**
	 * Whether a handler failed on the payload itself: the payload readers refuse what they cannot read with an
	 * {@link IllegalArgumentException} (no id, a number that is none), a {@link DateTimeException} (a time that is none)
	 * or a {@link JacksonException} (a field of another shape than they read). The database and the Admin API fail
	 * otherwise ({@code DataAccessException}, {@link AdminApiException}), and their failures may pass.
	 */
	private static boolean unreadablePayload(RuntimeException ex) {
		return ex instanceof IllegalArgumentException || ex instanceof DateTimeException
				|| ex instanceof JacksonException;
	}

	private void park(WebhookInbox.Pending pending, String reason) {
		logger.error("Webhook {} ({}) from {} parked: {}", pending.webhookId(), pending.topic(), pending.shop(), reason);
		this.inbox.park(pending.id(), reason);
	}

	private static CustomizableThreadFactory daemonThread() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("webhook-worker-");
		threads.setDaemon(true);
		return threads;
	}

}
