package com.metricsdash.shopify;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Shopify's Admin GraphQL API, at the pinned version ({@link ShopifyProperties#apiVersion()}). Reads
 * the cost-based leaky bucket from every answer and, when throttled, waits exactly as long as the bucket needs to
 * hold the query ({@code (requested - available) / restoreRate}) before trying again.
 * <p>
 * A failure that may pass (a 5xx, a 429 that carries no bucket to wait on, no connection) is tried again up to
 * {@value #TRANSIENT_ATTEMPTS} times in all, waiting {@link #FIRST_BACKOFF} and twice as long before each further
 * try, and then reported as {@linkplain AdminApiException#transientFailure() transient}, for the caller to try later.
 * An answer at another version than the one asked (Shopify serves a retired version's requests with the oldest one
 * it supports) is logged as a warning, once a shop a day.
 */
@Component
public class AdminApi {

	static final int TRANSIENT_ATTEMPTS = 4;

	static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

	private static final Logger logger = LoggerFactory.getLogger(AdminApi.class);

	private final ShopifyProperties properties;

	private final RestClient http;

	private final ObjectMapper json;

	private final Clock clock;

	/** The UTC day each shop was last warned of answering at another version than the one asked. */
	private final Map<ShopDomain, LocalDate> versionWarnings = new ConcurrentHashMap<>();

	AdminApi(ShopifyProperties properties, RestClient.Builder http, ObjectMapper json, Clock clock) {
		this.properties = properties;
		this.http = properties.client(http);
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Runs a document and returns its {@code data}.
	 * @throws AdminApiException when Shopify answers with errors, refuses the token, stays throttled, or keeps failing
	 * in a way that may pass
	 */
	public JsonNode execute(ShopDomain shop, String accessToken, AdminDocument document,
			Map<String, Object> variables) {
		String version = this.properties.apiVersion();
		// A URI template, the shop a variable of it, so that the client metrics' uri tag names no shop (the simulator
		// has the shop in its path).
		String url = this.properties.endpoint() + "/admin/api/" + version + "/graphql.json";
		for (int attempt = 0;; attempt++) {
			JsonNode response = send(shop, version, url, accessToken,
					Map.of("query", document.text(), "variables", variables));
			Duration wait = throttleWait(response);
			if (wait == null) {
				return dataOf(document, response);
			}
			if (attempt == this.properties.maxThrottleRetries()) {
				throw new AdminApiException(document.name() + " stayed throttled by " + shop, false);
			}
			logger.debug("{} throttled by {}; waiting {}", document.name(), shop, wait);
			pause(wait);
		}
	}

	/** Posts the request, again after a failure that may pass, and returns the answer. */
	private JsonNode send(ShopDomain shop, String version, String url, String accessToken, Map<String, Object> body) {
		Duration backoff = FIRST_BACKOFF;
		for (int attempt = 1;; attempt++) {
			try {
				return post(shop, version, url, accessToken, body);
			}
			catch (AdminApiException ex) {
				if (!ex.transientFailure()) {
					throw ex;
				}
				if (attempt == TRANSIENT_ATTEMPTS) {
					throw AdminApiException.transientFailure(
							ex.getMessage() + " on all " + TRANSIENT_ATTEMPTS + " tries, a failure that may pass");
				}
				logger.debug("{}; trying again in {}", ex.getMessage(), backoff);
				pause(backoff);
				backoff = backoff.multipliedBy(2);
			}
		}
	}

	private JsonNode post(ShopDomain shop, String version, String url, String accessToken, Map<String, Object> body) {
		try {
			ResponseEntity<JsonNode> answer = this.http.post()
				.uri(url, Map.of("shop", shop.value()))
				.header("X-Shopify-Access-Token", accessToken)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.body(body)
				.retrieve()
				.toEntity(JsonNode.class);
			warnOnOtherVersion(shop, version, answer.getHeaders());
			return answer.getBody();
		}
		catch (RestClientResponseException ex) {
			warnOnOtherVersion(shop, version, ex.getResponseHeaders());
			int status = ex.getStatusCode().value();
			boolean tooMany = status == HttpStatus.TOO_MANY_REQUESTS.value();
			JsonNode throttled = tooMany ? throttledAnswer(ex.getResponseBodyAsByteArray()) : null;
			if (throttled != null) {
				return throttled;
			}
			if (tooMany || ex.getStatusCode().is5xxServerError()) {
				throw AdminApiException.transientFailure("Admin API answered " + status + " at " + shop);
			}
			throw new AdminApiException("Admin API answered " + status, status == HttpStatus.UNAUTHORIZED.value());
		}
		catch (ResourceAccessException ex) {
			throw AdminApiException.transientFailure("Admin API could not be reached at " + shop + ": " + ex.getMessage());
		}
	}

	/** A 429's body when it names the bucket to wait on; {@code null} when it is not JSON or says nothing of it. */
	private JsonNode throttledAnswer(byte[] body) {
		try {
			JsonNode answer = this.json.readTree(body);
			return (throttleWait(answer) != null) ? answer : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Warns that the shop answered at another version than the one asked, at most once a shop a UTC day: Shopify
	 * serves a request for a version it no longer supports with the oldest one it does, so the app then runs on a
	 * schema it was not written for, and the pinned version must move up.
	 */
	private void warnOnOtherVersion(ShopDomain shop, String asked, HttpHeaders headers) {
		String answered = (headers != null) ? headers.getFirst("X-Shopify-API-Version") : null;
		if (answered == null || answered.equals(asked)) {
			return;
		}
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		if (!today.equals(this.versionWarnings.put(shop, today))) {
			logger.warn("{} answered at Admin API version {} a request for {}: that version is no longer served, "
					+ "so move metricsdash.shopify.api-version up to a supported one", shop, answered, asked);
		}
	}

	static void pause(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AdminApiException("Interrupted while waiting to try the Admin API again", false);
		}
	}

	/** How long to wait before retrying, or {@code null} when the answer was not throttled. */
	static Duration throttleWait(JsonNode response) {
		boolean throttled = false;
		for (JsonNode error : response.path("errors")) {
			throttled |= "THROTTLED".equals(error.path("extensions").path("code").asString(""));
		}
		if (!throttled) {
			return null;
		}
		JsonNode cost = response.path("extensions").path("cost");
		double requested = cost.path("requestedQueryCost").asDouble(0);
		double available = cost.path("throttleStatus").path("currentlyAvailable").asDouble(0);
		double restoreRate = cost.path("throttleStatus").path("restoreRate").asDouble(0);
		if (restoreRate <= 0) {
			return Duration.ofSeconds(1);
		}
		double seconds = Math.max(requested - available, 0) / restoreRate;
		return Duration.ofMillis(Math.max(100, (long) Math.ceil(seconds * 1000)));
	}

	/**
	 * The answer's {@code data}, unless it carries errors. Each error is named with the field it failed on (its
	 * {@code path}, e.g. {@code orders.nodes.3.lineItems}): an answer with errors may still hold data for the rest, and
	 * only the path tells which part of it is missing.
	 */
	private static JsonNode dataOf(AdminDocument document, JsonNode response) {
		JsonNode errors = response.path("errors");
		if (errors.isArray() && !errors.isEmpty()) {
			List<String> described = new ArrayList<>();
			for (JsonNode error : errors) {
				described.add(described(error));
			}
			throw new AdminApiException(document.name() + " failed: " + String.join("; ", described), false);
		}
		return response.path("data");
	}

	/** An error's message, after the path of the field that failed when it names one. */
	private static String described(JsonNode error) {
		String message = error.path("message").asString("unknown error");
		List<String> path = new ArrayList<>();
		for (JsonNode segment : error.path("path")) {
			path.add(segment.asString());
		}
		return path.isEmpty() ? message : String.join(".", path) + ": " + message;
	}

}
