package com.metricsdash.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.metricsdash.testing.LowLimits;
import com.metricsdash.testing.SessionTokens;
import com.metricsdash.testing.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits on callers known before anything is verified, over real HTTP against the shared Redis, at 3 requests a
 * minute ({@link LowLimits}): OAuth per client address, which the tests vary through {@code X-Forwarded-For} as a
 * proxy in front of the app sets it, and the API per bearer token.
 */
@LowLimits
class RequestRateLimitsTests {

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void anAddressOverItsOAuthLimitGetsTheErrorPageWithRetryAfterWhileOtherAddressesGoOn() throws Exception {
		String address = randomAddress();
		assertThat(auth("/auth?shop=limits.myshopify.com", address).statusCode()).isEqualTo(302);
		assertThat(auth("/auth?shop=limits.myshopify.com", address).statusCode()).isEqualTo(302);
		assertThat(auth("/auth/callback?shop=limits.myshopify.com", address).statusCode()).isEqualTo(401);

		HttpResponse<String> refused = auth("/auth?shop=limits.myshopify.com", address);
		HttpResponse<String> callback = auth("/auth/callback?shop=limits.myshopify.com", address);

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(refused.body()).contains("Too many requests came from your network").doesNotContain("Exception");
		assertRetryAfterWithinAMinute(refused);
		assertThat(callback.statusCode()).isEqualTo(429);
		assertThat(auth("/auth?shop=limits.myshopify.com", randomAddress()).statusCode()).isEqualTo(302);
	}

	@Test
	void aTokenOverItsApiLimitGetsAProblemWithRetryAfterBeforeItIsVerifiedWhileOtherTokensGoOn() throws Exception {
		String shop = "limits-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		String token = SessionTokens.sign(shop, Webhooks.SECRET, Instant.now());
		String other = SessionTokens.sign(shop, Webhooks.SECRET, Instant.now().minusSeconds(1));
		for (int i = 0; i < 3; i++) {
			assertThat(api(token).statusCode()).as("a shop that has not installed the app").isEqualTo(401);
		}

		HttpResponse<String> refused = api(token);

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = this.json.readTree(refused.body());
		assertThat(problem.get("status").asInt()).isEqualTo(429);
		assertThat(problem.get("detail").asString())
			.startsWith("Too many requests with this bearer token: at most 3 requests every 60 seconds; try again in ");
		assertRetryAfterWithinAMinute(refused);
		assertThat(api(other).statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> auth(String path, String address) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "text/html")
			.header("X-Forwarded-For", address)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> api(String token) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/stores"))
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + token)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void assertRetryAfterWithinAMinute(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
				(seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
	}

	/** An address of a documentation range (RFC 5737), most unlikely to be counted by another test this minute. */
	private static String randomAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
	}

}
