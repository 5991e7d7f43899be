package com.metricsdash.shopify;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the Admin API client takes Shopify's failures, against a stand-in on a local port that answers as scripted: what
 * may pass is tried again with backoff, what will not is reported at once, and what Shopify's answer says about the
 * failure reaches the exception.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminApiFailuresTests {

	private static final String PINNED = "2026-10";

	private static final String SHOP = """
			{"data": {"shop": {"name": "Demo"}},
			 "extensions": {"cost": {"requestedQueryCost": 1, "actualQueryCost": 1,
			   "throttleStatus": {"maximumAvailable": 2000, "currentlyAvailable": 1999, "restoreRate": 100}}}}""";

	final ScriptedShopify shopify = new ScriptedShopify();

	final MovableClock clock = new MovableClock(Instant.parse("2026-12-05T10:00:00Z"));

	AdminApi api;

	@BeforeEach
	void start() throws IOException {
		this.shopify.start();
		ShopifyProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("metricsdash.shopify.api-key",
				"key", "metricsdash.shopify.api-secret", "secret", "metricsdash.shopify.scopes", "read_orders",
				"metricsdash.shopify.endpoint", this.shopify.url(), "metricsdash.shopify.api-version", PINNED)))
			.bind("metricsdash.shopify", ShopifyProperties.class)
			.get();
		this.api = new AdminApi(properties, RestClient.builder(), new ObjectMapper(), this.clock);
	}

	@AfterEach
	void stop() {
		this.shopify.stop();
	}

	@Test
	void aServerErrorIsTriedAgainAfterABackoff() {
		this.shopify.answer(503, "text/html", "<html>Service unavailable</html>").answer(200, SHOP);

		assertThat(shopName("a.myshopify.com")).isEqualTo("Demo");
		assertThat(this.shopify.requests()).isEqualTo(2);
	}

	@Test
	void aTooManyRequestsAnswerThatIsNotJsonIsTriedAgainAfterABackoff() {
		this.shopify.answer(429, "text/plain", "Too Many Requests").answer(200, SHOP);

		assertThat(shopName("a.myshopify.com")).isEqualTo("Demo");
		assertThat(this.shopify.requests()).isEqualTo(2);
	}

	@Test
	void aServerErrorThatLastsEndsInATransientFailureAfterFourTries() {
		this.shopify.answer(502, "text/html", "<html>Bad gateway</html>");

		assertThatExceptionOfType(AdminApiException.class).isThrownBy(() -> shopName("a.myshopify.com"))
			.withMessageContaining("502")
			.satisfies((ex) -> assertThat(ex.transientFailure()).isTrue())
			.satisfies((ex) -> assertThat(ex.unauthorized()).isFalse());
		assertThat(this.shopify.requests()).isEqualTo(AdminApi.TRANSIENT_ATTEMPTS).isEqualTo(4);
	}

	@Test
	void aShopThatCannotBeReachedEndsInATransientFailure() {
		this.shopify.stop();

		assertThatExceptionOfType(AdminApiException.class).isThrownBy(() -> shopName("a.myshopify.com"))
			.withMessageContaining("could not be reached")
			.satisfies((ex) -> assertThat(ex.transientFailure()).isTrue());
	}

	@Test
	void aRefusedTokenIsReportedAtOnceAsUnauthorized() {
		this.shopify.answer(401, "application/json", "{\"errors\": \"[API] Invalid API key or access token\"}");

		assertThatExceptionOfType(AdminApiException.class).isThrownBy(() -> shopName("a.myshopify.com"))
			.satisfies((ex) -> assertThat(ex.unauthorized()).isTrue())
			.satisfies((ex) -> assertThat(ex.transientFailure()).isFalse());
		assertThat(this.shopify.requests()).isOne();
	}

	@Test
	void anErrorThatComesWithPartialDataNamesTheFieldThatFailed() {
		this.shopify.answer(200, """
				{"data": {"orders": {"nodes": [{"id": "gid://shopify/Order/1"}, {"id": "gid://shopify/Order/2"},
				   {"id": "gid://shopify/Order/3"}, {"id": "gid://shopify/Order/4", "lineItems": null}]}},
				 "errors": [{"message": "Internal error. Looks like something went wrong on our end.",
				   "locations": [{"line": 5, "column": 7}], "path": ["orders", "nodes", 3, "lineItems"]}]}""");

		assertThatExceptionOfType(AdminApiException.class).isThrownBy(() -> shopName("a.myshopify.com"))
			.withMessageContaining("orders.nodes.3.lineItems: Internal error. Looks like something went wrong")
			.satisfies((ex) -> assertThat(ex.transientFailure()).isFalse());
	}

	@Test
	void anAnswerAtAnotherVersionThanAskedIsWarnedOfOnceAShopADay(CapturedOutput output) {
		this.shopify.answerAt("2026-01", SHOP);

		for (int call = 0; call < 3; call++) {
			shopName("a.myshopify.com");
		}
		shopName("b.myshopify.com");
		assertThat(versionWarnings(output, "a.myshopify.com")).isOne();
		assertThat(versionWarnings(output, "b.myshopify.com")).isOne();

		this.clock.advance(Duration.ofDays(1));
		shopName("a.myshopify.com");
		assertThat(versionWarnings(output, "a.myshopify.com")).isEqualTo(2);
	}

	@Test
	void anAnswerAtTheVersionAskedIsNoWarning(CapturedOutput output) {
		this.shopify.answerAt(PINNED, SHOP);

		shopName("a.myshopify.com");

		assertThat(versionWarnings(output, "a.myshopify.com")).isZero();
	}

	private String shopName(String shop) {
		JsonNode data = this.api.execute(new ShopDomain(shop), "token", AdminDocument.SHOP, Map.of());
		return data.path("shop").path("name").asString();
	}

	private static long versionWarnings(CapturedOutput output, String shop) {
		Pattern warning = Pattern.compile("WARN.*" + Pattern.quote(shop) + " answered at Admin API version 2026-01 "
				+ "a request for " + PINNED);
		return output.getOut().lines().filter((line) -> warning.matcher(line).find()).count();
	}

	/** A stand-in for a shop's Admin API that gives the scripted answers in turn, the last one over and over. */
	static final class ScriptedShopify {

		private final List<Answer> answers = new ArrayList<>();

		private final AtomicInteger requests = new AtomicInteger();

		private HttpServer server;

		void start() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.createContext("/", this::handle);
			this.server.start();
		}

		void stop() {
			this.server.stop(0);
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		ScriptedShopify answer(int status, String json) {
			return answer(status, "application/json", json);
		}

		ScriptedShopify answer(int status, String contentType, String body) {
			this.answers.add(new Answer(status, contentType, body, PINNED));
			return this;
		}

		/** An answer as Shopify gives it when it serves a request at another version than the one asked. */
		ScriptedShopify answerAt(String version, String json) {
			this.answers.add(new Answer(200, "application/json", json, version));
			return this;
		}

		int requests() {
			return this.requests.get();
		}

		private void handle(HttpExchange exchange) throws IOException {
			exchange.getRequestBody().readAllBytes();
			int index = this.requests.getAndIncrement();
			Answer answer = this.answers.get(Math.min(index, this.answers.size() - 1));
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", answer.contentType());
			exchange.getResponseHeaders().set("X-Shopify-API-Version", answer.version());
			exchange.sendResponseHeaders(answer.status(), body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}

		private record Answer(int status, String contentType, String body, String version) {
		}

	}

	/** A clock the test moves forward. */
	static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("The test's clock runs in UTC");
		}

	}

}
