package com.metricsdash.shopify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import com.metricsdash.system.RateLimits;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/shopify}: one endpoint for every topic. The signature is checked on the raw bytes before
 * anything else; a verified delivery loses any customer personal data and goes into the durable inbox, keyed by its
 * {@code X-Shopify-Webhook-Id}, before the 200 goes out. Processing happens apart, in {@link WebhookWorker}, so the
 * answer is immediate; a new delivery wakes the worker at once, since the insert has committed by then (the intake
 * runs in no transaction).
 * <p>
 * Deliveries are limited per shop ({@code metricsdash.limits.webhooks-per-shop}, far above what Shopify sends a store
 * in a flash sale), counted only once the signature holds, so that nobody without the secret can use up a shop's
 * allowance and have Shopify's real deliveries refused; over it, 429 with {@code Retry-After}, which Shopify retries.
 * Without Redis nothing is limited, and no delivery is lost to it ({@link RateLimits}).
 */
@RestController
class WebhookController {

	/** Shopify's payloads are far smaller; anything larger is refused unread. */
	static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

	/** Fields that carry a person's data: we store none of it. */
	private static final List<String> PERSONAL_FIELDS = List.of("customer", "email", "contact_email", "phone",
			"billing_address", "shipping_address", "client_details", "browser_ip", "note", "note_attributes");

	private static final Logger logger = LoggerFactory.getLogger(WebhookController.class);

	private final ShopifyProperties properties;

	private final WebhookInbox inbox;

	private final ObjectMapper json;

	private final WebhookWorker worker;

	private final RateLimits limits;

	WebhookController(ShopifyProperties properties, WebhookInbox inbox, ObjectMapper json, WebhookWorker worker,
			RateLimits limits) {
		this.properties = properties;
		this.inbox = inbox;
		this.json = json;
		this.worker = worker;
		this.limits = limits;
	}

	@PostMapping("/webhooks/shopify")
	ResponseEntity<?> receive(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			return problem(HttpStatus.CONTENT_TOO_LARGE, "The delivery is larger than " + MAX_BODY_BYTES + " bytes.");
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(MAX_BODY_BYTES + 1);
		}
		if (body.length > MAX_BODY_BYTES) {
			return problem(HttpStatus.CONTENT_TOO_LARGE, "The delivery is larger than " + MAX_BODY_BYTES + " bytes.");
		}
		if (!ShopifySignatures.verifyWebhook(this.properties.apiSecret(), body,
				request.getHeader("X-Shopify-Hmac-Sha256"))) {
			return problem(HttpStatus.UNAUTHORIZED, "The delivery's X-Shopify-Hmac-Sha256 signature is missing or wrong.");
		}
		String topic = present(request.getHeader("X-Shopify-Topic"));
		var shop = ShopDomain.parse(request.getHeader("X-Shopify-Shop-Domain"));
		if (topic == null || shop.isEmpty()) {
			return problem(HttpStatus.BAD_REQUEST, "The delivery lacks X-Shopify-Topic or a valid X-Shopify-Shop-Domain.");
		}
		var exceeded = this.limits.hit(RateLimits.Limit.WEBHOOKS, shop.get().value());
		if (exceeded.isPresent()) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, Long.toString(exceeded.get().retryAfterSeconds()))
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
						"Too many deliveries for " + shop.get().value() + ": " + exceeded.get().sentence() + "."));
		}
		String webhookId = present(request.getHeader("X-Shopify-Webhook-Id"));
		if (webhookId == null) {
			return problem(HttpStatus.BAD_REQUEST, "The delivery lacks X-Shopify-Webhook-Id, which tells a repeated "
					+ "delivery from a new one, so it was not stored.");
		}
		boolean stored = this.inbox.add(new WebhookInbox.Delivery(webhookId,
				present(request.getHeader("X-Shopify-Event-Id")), topic, shop.get().value(),
				request.getHeader("X-Shopify-API-Version"), instant(request.getHeader("X-Shopify-Triggered-At")),
				withoutPersonalData(body)));
		if (stored) {
			this.worker.wake();
		}
		else {
			logger.debug("Repeated delivery {} ({}) from {} ignored", webhookId, topic, shop.get());
		}
		return ResponseEntity.ok().build();
	}

	/** The body without personal fields; a body that is not a JSON object is kept as it came, for the worker to park. */
	private String withoutPersonalData(byte[] body) {
		try {
			JsonNode payload = this.json.readTree(body);
			if (payload instanceof ObjectNode object) {
				object.remove(PERSONAL_FIELDS);
				return this.json.writeValueAsString(object);
			}
		}
		catch (JacksonException ex) {
			// kept raw: the worker parks it with the parse error
		}
		return new String(body, StandardCharsets.UTF_8);
	}

	/** The header's value, or {@code null} when it is missing or blank. */
	private static String present(String header) {
		return (header != null && !header.isBlank()) ? header : null;
	}

	private static Instant instant(String text) {
		try {
			return text == null ? null : java.time.OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}

}
