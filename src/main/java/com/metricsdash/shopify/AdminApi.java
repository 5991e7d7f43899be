package com.metricsdash.shopify;

import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Shopify's Admin GraphQL API, at the pinned version ({@link ShopifyProperties#apiVersion()}). Reads
 * the cost-based leaky bucket from every answer and, when throttled, waits exactly as long as the bucket needs to
 * hold the query ({@code (requested - available) / restoreRate}) before trying again.
 */
@Component
public class AdminApi {

	private static final Logger logger = LoggerFactory.getLogger(AdminApi.class);

	private final ShopifyProperties properties;

	private final RestClient http;

	AdminApi(ShopifyProperties properties, RestClient.Builder http) {
		this.properties = properties;
		this.http = http.build();
	}

	/**
	 * Runs a document and returns its {@code data}.
	 * @throws AdminApiException when Shopify answers with errors, refuses the token, or stays throttled
	 */
	public JsonNode execute(ShopDomain shop, String accessToken, AdminDocument document,
			Map<String, Object> variables) {
		String version = this.properties.apiVersion();
		String url = this.properties.shopBase(shop) + "/admin/api/" + version + "/graphql.json";
		for (int attempt = 0;; attempt++) {
			JsonNode response = post(url, accessToken, Map.of("query", document.text(), "variables", variables));
			Duration wait = throttleWait(response);
			if (wait == null) {
				return dataOf(document, response);
			}
			if (attempt == this.properties.maxThrottleRetries()) {
				throw new AdminApiException(document.name() + " stayed throttled by " + shop, false);
			}
			logger.debug("{} throttled by {}; waiting {}", document.name(), shop, wait);
			try {
				Thread.sleep(wait.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AdminApiException("Interrupted while throttled", false);
			}
		}
	}

	private JsonNode post(String url, String accessToken, Map<String, Object> body) {
		try {
			return this.http.post()
				.uri(url)
				.header("X-Shopify-Access-Token", accessToken)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.body(body)
				.retrieve()
				.body(JsonNode.class);
		}
		catch (RestClientResponseException ex) {
			if (ex.getStatusCode().value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
				return ex.getResponseBodyAs(JsonNode.class);
			}
			throw new AdminApiException("Admin API answered " + ex.getStatusCode().value(),
					ex.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value());
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

	private static JsonNode dataOf(AdminDocument document, JsonNode response) {
		if (response.path("errors").isArray() && !response.path("errors").isEmpty()) {
			throw new AdminApiException(document.name() + " failed: " + response.path("errors").get(0).path("message")
				.asString("unknown error"), false);
		}
		return response.path("data");
	}

}
