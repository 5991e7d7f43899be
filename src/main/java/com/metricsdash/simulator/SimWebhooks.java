package com.metricsdash.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;


import com.metricsdash.simulator.SimModel.WebhookSubscription;
import tools.jackson.databind.json.JsonMapper;

import com.metricsdash.shopify.ShopifySignatures;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * Sends HMAC-signed webhook deliveries to the subscriptions of a shop, asynchronously and with retries, the way
 * Shopify does, deleting a subscription (and dropping the retries of its other deliveries) once
 * {@value #FAILED_DELIVERIES_BEFORE_DELETION} deliveries to it in a row failed every retry, as Shopify does to
 * subscriptions an app created (the only kind the simulator has): an app that is down for a minute loses nothing,
 * one that stays down for hours loses its subscriptions; and misbehaves on request (duplicates, shuffled order,
 * delay, drops) per shop, so the app's intake can be tested against everything Shopify is allowed to do. Every attempt is recorded for tests and the local page.
 */
@Component
@ConditionalOnSimulator
class SimWebhooks implements DisposableBean {

	/** How long deliveries are held in {@link DeliveryMode#shuffle()} mode before they go out in random order. */
	static final Duration SHUFFLE_WINDOW = Duration.ofSeconds(1);

	static final int FAILED_DELIVERIES_BEFORE_DELETION = 8;

	private static final int KEPT_ATTEMPTS = 1000;

	private final JsonMapper json;

	private final Clock clock;

	private final String secret;

	private final Duration timeout;

	private final List<Duration> retryDelays;

	private final HttpClient http;

	private final ScheduledExecutorService scheduler;

	private final Random random = new Random();

	private final Map<String, DeliveryMode> modes = new ConcurrentHashMap<>();

	private final Deque<DeliveryAttempt> attempts = new ArrayDeque<>();

	/** The deliveries of the shuffle window under way, each with the delay of the mode it was published in. */
	private final List<Held> held = new ArrayList<>();

	SimWebhooks(SimulatorProperties properties, JsonMapper json, Clock clock) {
		Assert.hasText(properties.clientSecret(), "metricsdash.simulator.client-secret must be set to sign webhooks");
		this.json = json;
		this.clock = clock;
		this.secret = properties.clientSecret();
		this.timeout = properties.webhookTimeout();
		this.retryDelays = List.copyOf(properties.webhookRetryDelays());
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(this.timeout).build();
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "simulator-webhooks");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Publishes an event of one webhook; returns at once.
	 * @param shop the shop the event happened in
	 * @param topic the topic in REST form, e.g. {@code orders/create}, {@code bulk_operations/finish}
	 * @param payload the REST-shaped JSON body (maps, lists, strings, numbers)
	 */
	void publish(SimShop shop, String topic, Map<String, Object> payload) {
		publish(shop, List.of(new Message(topic, payload)));
	}

	/**
	 * Publishes what one action did as one event, as Shopify does: each message goes to every subscription of its
	 * topic as a delivery of its own, with its own {@code X-Shopify-Webhook-Id} (which retries and duplicate copies
	 * of that delivery repeat), and all of them share one {@code X-Shopify-Event-Id}. Returns at once.
	 */
	void publish(SimShop shop, List<Message> messages) {
		String eventId = UUID.randomUUID().toString();
		Instant triggeredAt = this.clock.instant();
		DeliveryMode mode = mode(shop.domain());
		for (Message message : messages) {
			String subscribedAs = message.topic().toUpperCase(Locale.ROOT).replace('/', '_');
			List<WebhookSubscription> subscriptions = shop.webhookSubscriptions()
				.stream()
				.filter((subscription) -> subscription.topic().equals(subscribedAs))
				.toList();
			if (subscriptions.isEmpty()) {
				continue;
			}
			byte[] body = this.json.writeValueAsBytes(message.payload());
			for (WebhookSubscription subscription : subscriptions) {
				Delivery delivery = new Delivery(shop, subscription, message.topic(), body, eventId,
						UUID.randomUUID().toString(), triggeredAt);
				int copies = (this.random.nextDouble() < mode.duplicateShare()) ? 2 : 1;
				for (int copy = 0; copy < copies; copy++) {
					dispatch(delivery, mode);
				}
			}
		}
	}

	DeliveryMode mode(String domain) {
		return this.modes.getOrDefault(domain, DeliveryMode.NORMAL);
	}

	/** Changes how the shop's future events are delivered; deliveries already under way keep their mode. */
	void mode(String domain, DeliveryMode mode) {
		this.modes.put(domain, mode);
	}

	/** Every recorded attempt, newest first (the last {@value #KEPT_ATTEMPTS}). */
	List<DeliveryAttempt> attempts() {
		synchronized (this.attempts) {
			return List.copyOf(this.attempts);
		}
	}

	/** The newest attempts of one shop, newest first. */
	List<DeliveryAttempt> attempts(String domain, int limit) {
		return attempts().stream().filter((attempt) -> attempt.shop().equals(domain)).limit(limit).toList();
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

	private void dispatch(Delivery delivery, DeliveryMode mode) {
		if (mode.drop()) {
			record(delivery, 1, 0, "dropped");
		}
		else if (mode.shuffle()) {
			hold(delivery, mode.delay());
		}
		else {
			schedule(delivery, 1, mode.delay());
		}
	}

	private void hold(Delivery delivery, Duration delay) {
		synchronized (this.held) {
			this.held.add(new Held(delivery, delay));
			if (this.held.size() == 1) {
				this.scheduler.schedule(this::release, SHUFFLE_WINDOW.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
	}

	private void release() {
		List<Held> batch;
		synchronized (this.held) {
			batch = new ArrayList<>(this.held);
			this.held.clear();
		}
		Collections.shuffle(batch, this.random);
		batch.forEach((held) -> schedule(held.delivery(), 1, held.delay()));
	}

	private void schedule(Delivery delivery, int attempt, Duration delay) {
		if (delay.isZero()) {
			this.scheduler.execute(() -> send(delivery, attempt));
		}
		else {
			this.scheduler.schedule(() -> send(delivery, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void send(Delivery delivery, int attempt) {
		HttpRequest request;
		try {
			request = HttpRequest.newBuilder(URI.create(delivery.subscription().uri()))
				.timeout(this.timeout)
				.header("Content-Type", "application/json")
				.header("X-Shopify-Topic", delivery.topic())
				.header("X-Shopify-Hmac-Sha256", ShopifySignatures.signWebhook(this.secret, delivery.body()))
				.header("X-Shopify-Shop-Domain", delivery.shop().domain())
				.header("X-Shopify-API-Version", AdminSchema.VERSION)
				.header("X-Shopify-Webhook-Id", delivery.webhookId())
				.header("X-Shopify-Event-Id", delivery.eventId())
				.header("X-Shopify-Triggered-At", delivery.triggeredAt().toString())
				.POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
				.build();
		}
		catch (IllegalArgumentException ex) {
			failed(delivery, attempt, 0, "bad callback URL: " + ex.getMessage());
			return;
		}
		this.http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
			if (failure != null) {
				failed(delivery, attempt, 0, failure.getClass().getSimpleName());
			}
			else if (response.statusCode() / 100 == 2) {
				delivery.shop().deliverySucceeded(delivery.subscription().id());
				record(delivery, attempt, response.statusCode(), "delivered");
			}
			else {
				failed(delivery, attempt, response.statusCode(), "HTTP " + response.statusCode());
			}
		});
	}

	private void failed(Delivery delivery, int attempt, int status, String outcome) {
		long subscriptionId = delivery.subscription().id();
		if (!delivery.shop().hasWebhookSubscription(subscriptionId)) {
			record(delivery, attempt, status, outcome + ", not retried: the subscription is gone");
			return;
		}
		if (attempt <= this.retryDelays.size()) {
			record(delivery, attempt, status, outcome + ", will retry");
			schedule(delivery, attempt + 1, this.retryDelays.get(attempt - 1));
			return;
		}
		int inARow = delivery.shop().deliveryFailed(subscriptionId);
		if (inARow >= FAILED_DELIVERIES_BEFORE_DELETION) {
			delivery.shop().removeWebhookSubscription(subscriptionId);
			record(delivery, attempt, status,
					outcome + ", gave up; " + inARow + " failed deliveries in a row: deleted the subscription");
		}
		else {
			record(delivery, attempt, status, outcome + ", gave up");
		}
	}

	private void record(Delivery delivery, int attempt, int status, String outcome) {
		DeliveryAttempt recorded = new DeliveryAttempt(delivery.shop().domain(), delivery.topic(),
				delivery.subscription().uri(), delivery.eventId(), delivery.webhookId(), attempt, status,
				outcome, this.clock.instant());
		synchronized (this.attempts) {
			this.attempts.addFirst(recorded);
			if (this.attempts.size() > KEPT_ATTEMPTS) {
				this.attempts.removeLast();
			}
		}
	}

	/**
	 * How a shop's events are delivered; the switches combine.
	 * @param duplicateShare the share of deliveries (0 to 1) sent twice, both copies with the same webhook id
	 * @param shuffle deliveries are held for {@link SimWebhooks#SHUFFLE_WINDOW} and sent in random order
	 * @param delay how long each delivery waits before its first attempt
	 * @param drop nothing is sent (the attempt is recorded as dropped), as if Shopify lost the event
	 */
	record DeliveryMode(double duplicateShare, boolean shuffle, Duration delay, boolean drop) {

		static final DeliveryMode NORMAL = new DeliveryMode(false, false, Duration.ZERO, false);

		DeliveryMode {
			Assert.isTrue(duplicateShare >= 0 && duplicateShare <= 1, "The duplicate share must lie between 0 and 1");
		}

		/** Every delivery sent twice, or none. */
		DeliveryMode(boolean duplicate, boolean shuffle, Duration delay, boolean drop) {
			this(duplicate ? 1 : 0, shuffle, delay, drop);
		}

		/** Whether any delivery is sent twice (public for the simulator page's template). */
		public boolean duplicate() {
			return this.duplicateShare > 0;
		}

	}

	/**
	 * One webhook of an event.
	 * @param topic the topic in REST form, e.g. {@code orders/create}
	 * @param payload the REST-shaped JSON body (maps, lists, strings, numbers)
	 */
	record Message(String topic, Map<String, Object> payload) {
	}

	/** One attempt to deliver one webhook of an event to one subscription; {@code status} is 0 when no HTTP answer came. */
	record DeliveryAttempt(String shop, String topic, String uri, String eventId, String webhookId, int attempt,
			int status, String outcome, Instant at) {
	}

	private record Delivery(SimShop shop, WebhookSubscription subscription, String topic, byte[] body, String eventId,
			String webhookId, Instant triggeredAt) {
	}

	private record Held(Delivery delivery, Duration delay) {
	}

}
