package com.metricsdash.shopify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.DateTimeException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.metricsdash.system.LastKnown;
import com.metricsdash.system.ProblemResponses;
import com.metricsdash.system.RateLimits;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * {@code POST /webhooks/shopify}: one endpoint for every topic. The signature is checked on the raw bytes before
 * anything else, and no more than {@link WebhookProperties#maxBody} bytes are read before it. A verified delivery loses
 * any customer personal data and goes into the durable inbox, keyed by its {@code X-Shopify-Webhook-Id}, before the 200
 * goes out, committed together with the deliveries that arrived with it ({@link InboxWriter}). Processing happens
 * apart, in {@link WebhookWorker}, so the answer is immediate; a new delivery wakes the worker at once, since the
 * insert has committed by then.
 * <p>
 * The signature covers the body alone: topic, shop and trigger time come in headers anyone may change. So a delivery
 * whose topic acts on the shop itself (see {@link #SHOP_FIELDS}) is stored only when its body names the shop its
 * header names, and no delivery is stored whose {@code X-Shopify-Triggered-At} is older than
 * {@link WebhookProperties#triggeredWithin}. Such a delivery is answered 200 all the same and only logged: a non-2xx
 * makes Shopify retry it for 4 hours and, after 8 failures in a row, delete the shop's subscription, while the same
 * headers and body would be refused every time; to a forger the answer says nothing either way.
 * <p>
 * Deliveries are limited per shop ({@code metricsdash.limits.webhooks-per-shop}, far above what Shopify sends a store
 * in a flash sale), counted only once the signature holds, so that nobody without the secret can use up a shop's
 * allowance and have Shopify's real deliveries refused; over it, 429 with {@code Retry-After}, which Shopify retries.
 * Without Redis nothing is limited, and no delivery is lost to it ({@link RateLimits}).
 * <p>
 * The intake stays a durable insert and a 200, with a bounded number of deliveries being stored at once
 * ({@link WebhookProperties#intakeConcurrency}): under overload a delivery that finds no place within
 * {@link WebhookProperties#intakeWait} is answered 503 with {@code Retry-After}, which Shopify retries, instead of
 * holding a thread and its body while the database falls further behind. While PostgreSQL cannot be reached, a
 * delivery cannot be stored and is answered 503 with {@code Retry-After} too, so Shopify delivers it again later.
 * <p>
 * The intake is a filter that answers ahead of every other one and of Spring MVC ({@link WebhookIntakeConfiguration}):
 * a delivery needs none of what they do for pages and the API (sessions, security, observation, content negotiation),
 * which cost five times what storing it did, and deliveries are most of what the app is asked in a flash sale. Every
 * answer is timed here instead ({@value #TIMER}, by status), and refusals are {@code application/problem+json} as
 * elsewhere. Any other method than {@code POST} is answered 405.
 */
@Component
class WebhookIntake extends HttpFilter {

	static final String PATH = "/webhooks/shopify";

	static final String TIMER = "metricsdash.webhooks.intake";

	/**
	 * The topics that act on the shop's existence or on its customers' data, with the body field that names the
	 * shop: the compliance payloads carry {@code shop_domain}; {@code app/uninstalled} carries the shop, whose
	 * {@code domain} is its primary (possibly custom) domain and {@code myshopify_domain} the one in the header.
	 */
	private static final Map<String, String> SHOP_FIELDS = Map.of("app/uninstalled", "myshopify_domain",
			"shop/redact", "shop_domain", "customers/redact", "shop_domain", "customers/data_request", "shop_domain");

	/**
	 * Fields that carry a person's data, removed wherever they occur (an order's refunds, line items and fulfillments
	 * nest some): we store none of it. Line-item {@code properties} hold what a buyer typed (a gift message, a name to
	 * engrave), and {@code order_status_url} opens the buyer's order page to whoever has it.
	 */
	private static final Set<String> PERSONAL_FIELDS = Set.of("customer", "email", "contact_email", "phone",
			"billing_address", "shipping_address", "default_address", "addresses", "destination", "origin_address",
			"client_details", "browser_ip", "note", "note_attributes", "properties", "order_status_url",
			"landing_site", "referring_site", "customer_locale");

	private static final Logger logger = LoggerFactory.getLogger(WebhookIntake.class);

	/** When Shopify is asked to retry a delivery the intake had no place for: soon, since a full intake drains fast. */
	private static final Duration RETRY_AFTER_FULL = Duration.ofSeconds(5);

	/** When Shopify is asked to retry a delivery the database could not take: an outage lasts a while. */
	private static final Duration RETRY_AFTER_UNREACHABLE = Duration.ofSeconds(60);

	private final ShopifyProperties properties;

	private final WebhookProperties limits;

	private final InboxWriter inbox;

	private final ObjectMapper json;

	private final WebhookWorker worker;

	private final RateLimits rateLimits;

	private final Clock clock;

	/** The places to store deliveries at once ({@link WebhookProperties#intakeConcurrency}). */
	private final Semaphore storing;

	private final ProblemResponses problems;

	private final MeterRegistry meters;

	private final Map<HttpStatus, Timer> timers = new ConcurrentHashMap<>();

	WebhookIntake(ShopifyProperties properties, WebhookProperties limits, InboxWriter inbox, ObjectMapper json,
			WebhookWorker worker, RateLimits rateLimits, Clock clock, ProblemResponses problems, MeterRegistry meters) {
		this.properties = properties;
		this.limits = limits;
		this.inbox = inbox;
		this.json = json;
		this.worker = worker;
		this.rateLimits = rateLimits;
		this.clock = clock;
		this.storing = new Semaphore(limits.intakeConcurrency());
		this.problems = problems;
		this.meters = meters;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException {
		long started = System.nanoTime();
		Answer answer;
		try {
			answer = "POST".equals(request.getMethod()) ? receive(request)
					: Answer.problem(HttpStatus.METHOD_NOT_ALLOWED, "Deliveries are POSTed.");
		}
		catch (RuntimeException ex) {
			logger.error("Webhook delivery to {} failed", request.getRequestURI(), ex);
			answer = Answer.problem(HttpStatus.INTERNAL_SERVER_ERROR, "The delivery could not be stored.");
		}
		answer.write(request, response, this.problems);
		this.timers.computeIfAbsent(answer.status(), (status) -> Timer.builder(TIMER)
			.description("Webhook deliveries answered by this instance, by status")
			.tag("status", Integer.toString(status.value()))
			.register(this.meters)).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
	}

	private Answer receive(HttpServletRequest request) throws IOException {
		int maxBody = (int) this.limits.maxBody().toBytes();
		if (request.getContentLengthLong() > maxBody) {
			return tooLarge(maxBody);
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(maxBody + 1);
		}
		if (body.length > maxBody) {
			return tooLarge(maxBody);
		}
		if (!ShopifySignatures.verifyWebhook(this.properties.apiSecret(), body,
				request.getHeader("X-Shopify-Hmac-Sha256"))) {
			return Answer.problem(HttpStatus.UNAUTHORIZED,
					"The delivery's X-Shopify-Hmac-Sha256 signature is missing or wrong.");
		}
		String topic = present(request.getHeader("X-Shopify-Topic"));
		var shop = ShopDomain.parse(request.getHeader("X-Shopify-Shop-Domain"));
		if (topic == null || shop.isEmpty()) {
			return Answer.problem(HttpStatus.BAD_REQUEST,
					"The delivery lacks X-Shopify-Topic or a valid X-Shopify-Shop-Domain.");
		}
		var exceeded = this.rateLimits.hit(RateLimits.Limit.WEBHOOKS, shop.get().value());
		if (exceeded.isPresent()) {
			return Answer.retryLater(HttpStatus.TOO_MANY_REQUESTS, exceeded.get().retryAfterSeconds(),
					"Too many deliveries for " + shop.get().value() + ": " + exceeded.get().sentence() + ".");
		}
		String webhookId = present(request.getHeader("X-Shopify-Webhook-Id"));
		if (webhookId == null) {
			return Answer.problem(HttpStatus.BAD_REQUEST, "The delivery lacks X-Shopify-Webhook-Id, which tells a "
					+ "repeated delivery from a new one, so it was not stored.");
		}
		Instant triggeredAt = instant(request.getHeader("X-Shopify-Triggered-At"));
		if (triggeredAt == null) {
			return Answer.problem(HttpStatus.BAD_REQUEST, "The delivery lacks a valid X-Shopify-Triggered-At "
					+ "(ISO-8601), which tells a late delivery from a replayed one, so it was not stored.");
		}
		if (triggeredAt.isBefore(this.clock.instant().minus(this.limits.triggeredWithin()))) {
			logger.warn("Webhook {} ({}) for {} ignored: triggered at {}, longer ago than {}", webhookId, topic,
					shop.get(), triggeredAt, this.limits.triggeredWithin());
			return Answer.OK;
		}
		JsonNode payload = readObject(body);
		if (!namesShop(topic, payload, shop.get())) {
			logger.warn("Webhook {} ({}) for {} ignored: its body does not name that shop in {}", webhookId, topic,
					shop.get(), SHOP_FIELDS.get(topic));
			return Answer.OK;
		}
		if (!turnToStore()) {
			logger.debug("Delivery {} ({}) from {} answered 503: the intake is full", webhookId, topic, shop.get());
			return Answer.retryLater(HttpStatus.SERVICE_UNAVAILABLE, RETRY_AFTER_FULL.toSeconds(), "More deliveries "
					+ "are arriving than can be stored right now; this one was not stored, and Shopify's retry "
					+ "will be.");
		}
		boolean stored;
		try {
			stored = this.inbox.store(new WebhookInbox.Delivery(webhookId,
					present(request.getHeader("X-Shopify-Event-Id")), topic, shop.get().value(),
					request.getHeader("X-Shopify-API-Version"), triggeredAt,
					(payload != null) ? this.json.writeValueAsString(withoutPersonalData(payload))
							: new String(body, StandardCharsets.UTF_8)));
		}
		catch (RuntimeException ex) {
			if (!LastKnown.databaseUnreachable(ex)) {
				throw ex;
			}
			// debug, as for a full intake: a burst during an outage would log a line per delivery, and the outage
			// itself is reported by the pool and the health endpoint
			logger.debug("Delivery {} ({}) from {} answered 503: the database is unreachable: {}", webhookId, topic,
					shop.get(), ex.getMessage());
			return Answer.retryLater(HttpStatus.SERVICE_UNAVAILABLE, RETRY_AFTER_UNREACHABLE.toSeconds(),
					"The database is unreachable right now; this delivery was not stored, and Shopify's retry "
							+ "will be.");
		}
		finally {
			this.storing.release();
		}
		if (stored) {
			this.worker.wake(shop.get().value());
		}
		else {
			logger.debug("Repeated delivery {} ({}) from {} ignored", webhookId, topic, shop.get());
		}
		return Answer.OK;
	}

	/** Waits, at most {@link WebhookProperties#intakeWait}, for one of the intake's places to store a delivery. */
	private boolean turnToStore() {
		try {
			return this.storing.tryAcquire(this.limits.intakeWait().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Whether the body names the shop the header names, for the topics that act on the shop; any other topic acts
	 * only on records of the header's store that the body identifies, and passes.
	 */
	private static boolean namesShop(String topic, JsonNode payload, ShopDomain shop) {
		String field = SHOP_FIELDS.get(topic);
		if (field == null) {
			return true;
		}
		return payload != null && payload.path(field).isString()
				&& ShopDomain.parse(payload.path(field).asString()).filter(shop::equals).isPresent();
	}

	/** The body as a JSON object, or {@code null} when it is none: then it is kept as it came, for the worker to park. */
	private JsonNode readObject(byte[] body) {
		try {
			JsonNode payload = this.json.readTree(body);
			return (payload instanceof ObjectNode) ? payload : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** Removes the personal fields at every depth of the payload, which it returns. */
	private static JsonNode withoutPersonalData(JsonNode node) {
		if (node instanceof ObjectNode object) {
			object.remove(PERSONAL_FIELDS);
		}
		node.forEach(WebhookIntake::withoutPersonalData);
		return node;
	}

	/** The header's value, or {@code null} when it is missing or blank. */
	private static String present(String header) {
		return (header != null && !header.isBlank()) ? header : null;
	}

	private static Instant instant(String text) {
		try {
			return text == null ? null : Rfc3339.instant(text);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static Answer tooLarge(int maxBody) {
		return Answer.problem(HttpStatus.CONTENT_TOO_LARGE, "The delivery is larger than " + maxBody + " bytes.");
	}

	/**
	 * An answer: a 200 with nothing in it, or a refusal that says why, Shopify retrying after {@code retryAfter}
	 * seconds when it is set.
	 */
	record Answer(HttpStatus status, Long retryAfter, String detail) {

		static final Answer OK = new Answer(HttpStatus.OK, null, null);

		static Answer problem(HttpStatus status, String detail) {
			return new Answer(status, null, detail);
		}

		/** A refusal Shopify retries, after {@code seconds}. */
		static Answer retryLater(HttpStatus status, long seconds, String detail) {
			return new Answer(status, seconds, detail);
		}

		void write(HttpServletRequest request, HttpServletResponse response, ProblemResponses problems)
				throws IOException {
			if (this.retryAfter != null) {
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(this.retryAfter));
			}
			if (this.status == HttpStatus.METHOD_NOT_ALLOWED) {
				response.setHeader(HttpHeaders.ALLOW, "POST");
			}
			if (this.detail != null) {
				problems.write(request, response, this.status, this.detail);
			}
			else {
				response.setStatus(this.status.value());
			}
		}

	}

}
