package com.metricsdash.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;

import com.metricsdash.live.LiveClient;
import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.ShopifyProperties;
import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.SessionTokens;
import com.metricsdash.testing.Merchant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON API over real HTTP, as an embedded app's front end calls it: with the Shopify session token the admin
 * hands it, and nothing else.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonApiTests {

	private static final Duration PUSHED_WITHIN = Duration.ofSeconds(2);

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	ShopifyProperties shopify;

	@Autowired
	Stores stores;

	@Autowired
	JsonMapper json;

	final HttpClient http = HttpClient.newHttpClient();

	SimulatorFixture simulator;

	String shop;

	UUID storeId;

	UUID otherStoreId;

	@BeforeAll
	void installTwoStores() {
		this.simulator = new SimulatorFixture(this.context);
		this.shop = this.simulator.newShop("api");
		this.storeId = Installs.installAndSync(this.context, new Merchant(this.port), this.shop);
		this.otherStoreId = Installs.installAndSync(this.context, new Merchant(this.port),
				this.simulator.newShop("api-other"));
	}

	@Test
	void withoutAValidSessionTokenEveryEndpointAnswers401Problems() throws Exception {
		String dashboard = "/api/stores/" + this.storeId + "/dashboard";
		assertUnauthorized(get("/api/stores", null));
		assertUnauthorized(get(dashboard, null));
		assertUnauthorized(post("/api/stores/" + this.storeId + "/traffic", null, "{}"));
		assertUnauthorized(get(dashboard, SessionTokens.sign(this.shop, "a-forged-secret-that-is-long-enough-for-hs256", Instant.now())));
		assertUnauthorized(get(dashboard, SessionTokens.sign(this.shop, this.shopify.apiSecret(), Instant.now().minusSeconds(600))));
	}

	@Test
	void anotherStoresDataIsForbidden() throws Exception {
		String token = this.simulator.idToken(this.shop);

		assertProblem(get("/api/stores/" + this.otherStoreId + "/dashboard", token), 403, "does not give access");
		assertProblem(post("/api/stores/" + this.otherStoreId + "/traffic", token,
				"{\"date\":\"2024-01-15\",\"hour\":14,\"sessions\":5}"), 403, "does not give access");
	}

	@Test
	void theStoresAreTheTokensOwnStoreOnly() throws Exception {
		HttpResponse<String> response = get("/api/stores", this.simulator.idToken(this.shop));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode stores = this.json.readTree(response.body());
		assertThat(stores).hasSize(1);
		JsonNode store = stores.get(0);
		assertThat(store.propertyNames()).containsExactly("id", "shopifyDomain", "syncStatus", "lastSyncAt", "currency",
				"timezone");
		assertThat(store.get("id").asString()).isEqualTo(this.storeId.toString());
		assertThat(store.get("shopifyDomain").asString()).isEqualTo(this.shop);
		assertThat(store.get("syncStatus").asString()).isEqualTo("complete");
	}

	@Test
	void theDashboardIsTheContractsJsonComparedWithTheChosenPeriod() throws Exception {
		String token = this.simulator.idToken(this.shop);
		String url = "/api/stores/" + this.storeId + "/dashboard";

		JsonNode yesterday = this.json.readTree(get(url, token).body());
		assertThat(yesterday.propertyNames()).containsExactly("storeId", "currency", "timezone", "comparison", "orders",
				"revenue", "aov", "conversion", "updatedAt");
		assertThat(yesterday.get("storeId").asString()).isEqualTo(this.storeId.toString());
		assertThat(yesterday.get("comparison").asString()).isEqualTo("yesterday");
		assertThat(yesterday.get("orders").propertyNames()).containsExactly("today", "yesterday", "change");

		HttpResponse<String> lastWeek = get(url + "?compare=last_week", token);
		assertThat(lastWeek.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(lastWeek.body()).get("revenue").propertyNames()).containsExactly("today",
				"lastWeek", "change");
	}

	@Test
	void aBadComparisonOrStoreIdIsABadRequest() throws Exception {
		String token = this.simulator.idToken(this.shop);

		assertProblem(get("/api/stores/" + this.storeId + "/dashboard?compare=last_year", token), 400,
				"yesterday, last_week, last_month");
		assertProblem(get("/api/stores/not-a-store/dashboard", token), 400, "'storeId' must be a valid UUID");
	}

	@Test
	void postedSessionsAddUpAndGiveTodayAConversion() throws Exception {
		String token = this.simulator.idToken(this.shop);
		ZonedDateTime now = ZonedDateTime.now(this.stores.installed(this.storeId).orElseThrow().zone());
		String hour = "{\"date\":\"" + now.toLocalDate() + "\",\"hour\":" + now.getHour() + ",\"sessions\":";
		String traffic = "/api/stores/" + this.storeId + "/traffic";

		assertThat(post(traffic, token, hour + "1000}").statusCode()).isEqualTo(200);
		HttpResponse<String> second = post(traffic, token, hour + "234}");

		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(second.body()).get("sessions").asInt()).isEqualTo(1234);
		JsonNode dashboard = this.json.readTree(get("/api/stores/" + this.storeId + "/dashboard", token).body());
		assertThat(dashboard.get("conversion").isObject()).isTrue();
		assertThat(dashboard.get("conversion").get("today").isNull()).isFalse();
	}

	@Test
	void postedSessionsReachAnOpenPageAtOnce() throws Exception {
		// a store without Shopify's sessions (read_reports declined), so that the post alone gives it a conversion
		String shop = this.simulator.newShop("api-traffic");
		this.simulator.declineScopes(shop, "read_reports");
		UUID storeId = Installs.installAndSync(this.context, new Merchant(this.port), shop);
		String token = this.simulator.idToken(shop);
		String dashboard = "/api/stores/" + storeId + "/dashboard";
		LocalDate yesterday = LocalDate.now(this.stores.installed(storeId).orElseThrow().zone()).minusDays(1);
		try (LiveClient page = LiveClient.connect("ws://localhost:" + this.port + "/ws/stores/" + storeId
				+ "?format=json", Map.of("Authorization", "Bearer " + token))) {
			assertThat(page.next("dashboard:update", PUSHED_WITHIN)).as("the greeting of a new socket").isNotNull();
			assertThat(this.json.readTree(get(dashboard, token).body()).get("conversion").isNull()).isTrue();

			long posted = System.nanoTime();
			assertThat(post("/api/stores/" + storeId + "/traffic", token,
					"{\"date\":\"" + yesterday + "\",\"hour\":0,\"sessions\":40}").statusCode()).isEqualTo(200);
			JsonNode conversion = this.json.readTree(get(dashboard, token).body()).get("conversion");

			// pushed because of the post, past a 30-s refresh rendered just before it; that refresh falls within these
			// 2 s once in fifteen runs, the only way this could pass without the push
			String pushed;
			do {
				pushed = page.next("dashboard:update", PUSHED_WITHIN);
			}
			while (pushed != null && !this.json.readTree(pushed).get("data").get("conversion").equals(conversion));
			assertThat(pushed).as("a frame with the posted sessions within " + PUSHED_WITHIN).isNotNull();
			assertThat(Duration.ofNanos(System.nanoTime() - posted)).isLessThan(PUSHED_WITHIN);
			assertThat(conversion.isNull()).as("yesterday's sessions give it a conversion").isFalse();
		}
	}

	@Test
	void invalidTrafficIsABadRequestNamingTheField() throws Exception {
		String token = this.simulator.idToken(this.shop);
		String traffic = "/api/stores/" + this.storeId + "/traffic";
		LocalDate day = LocalDate.of(2024, 1, 15);

		assertProblem(post(traffic, token, "{\"date\":\"" + day + "\",\"hour\":24,\"sessions\":1}"), 400,
				"'hour' must be from 0 to 23");
		assertProblem(post(traffic, token, "{\"date\":\"" + day + "\",\"hour\":3,\"sessions\":-1}"), 400,
				"'sessions' must be 0 or more");
		assertProblem(post(traffic, token, "{\"date\":\"" + day + "\",\"hour\":3,\"sessions\":1.5}"), 400,
				"'sessions' must be a whole number");
		assertProblem(post(traffic, token, "{\"date\":\"" + day + "\",\"hour\":\"3\",\"sessions\":1}"), 400,
				"'hour' must be a whole number");
		assertProblem(post(traffic, token, "{\"date\":\"15/01/2024\",\"hour\":3,\"sessions\":1}"), 400,
				"'date' must be an ISO date such as 2024-01-15");
		assertProblem(post(traffic, token, "{\"hour\":3}"), 400, "'date' is required");
		assertProblem(post(traffic, token, ""), 400, "needs a JSON body");
	}

	@Test
	void aDateOutsideTheLastYearIsABadRequestNamingTheRange() throws Exception {
		String token = this.simulator.idToken(this.shop);
		String traffic = "/api/stores/" + this.storeId + "/traffic";
		LocalDate today = LocalDate.now(this.stores.installed(this.storeId).orElseThrow().zone());
		String range = "'date' must be from " + today.minusYears(1) + " to " + today
				+ " (today in the shop's timezone).";

		for (String date : new String[] { "+999999999-12-31", "-0001-01-01", today.plusDays(1).toString(),
				today.minusYears(1).minusDays(1).toString() }) {
			HttpResponse<String> refused = post(traffic, token, "{\"date\":\"" + date + "\",\"hour\":3,\"sessions\":1}");
			assertProblem(refused, 400, range);
			assertThat(this.json.readTree(refused.body()).get("errors").get(0).get("field").asString()).isEqualTo("date");
		}
		assertThat(post(traffic, token, "{\"date\":\"" + today.minusYears(1) + "\",\"hour\":3,\"sessions\":1}")
			.statusCode()).isEqualTo(200);
	}

	@Test
	void sessionsPastAnHoursMostAreABadRequestAndLeaveTheHourAsItWas() throws Exception {
		String token = this.simulator.idToken(this.shop);
		String traffic = "/api/stores/" + this.storeId + "/traffic";
		String hour = "{\"date\":\"" + LocalDate.now(this.stores.installed(this.storeId).orElseThrow().zone())
				.minusDays(2) + "\",\"hour\":5,\"sessions\":";

		assertProblem(post(traffic, token, hour + "100000001}"), 400, "'sessions' must be at most 100,000,000.");
		assertThat(post(traffic, token, hour + "60000000}").statusCode()).isEqualTo(200);
		assertProblem(post(traffic, token, hour + "60000000}"), 400,
				"'sessions' would take the hour's total past 100,000,000 sessions.");
		HttpResponse<String> total = post(traffic, token, hour + "40000000}");

		assertThat(total.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(total.body()).get("sessions").asInt()).isEqualTo(100_000_000);
	}

	@Test
	void anUnknownPathOrAWrongMethodIsAProblemToo() throws Exception {
		String token = this.simulator.idToken(this.shop);

		assertProblem(get("/api/nothing-here", token), 404, "There is no API endpoint at /api/nothing-here");
		assertProblem(get("/api/stores/" + this.storeId + "/nothing-here", token), 404,
				"There is no API endpoint at /api/stores/" + this.storeId + "/nothing-here");
		HttpResponse<String> deleted = send(request("/api/stores", token).DELETE());
		assertProblem(deleted, 405, "/api/stores does not take DELETE; it takes GET");
		assertThat(deleted.headers().firstValue("Allow")).hasValueSatisfying(
				(allowed) -> assertThat(allowed).contains("GET"));
		assertProblem(post("/api/stores/" + this.storeId + "/dashboard", token, "{}"), 405,
				"does not take POST; it takes GET");
	}

	private void assertUnauthorized(HttpResponse<String> response) {
		assertProblem(response, 401, null);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer"));
	}

	private void assertProblem(HttpResponse<String> response, int status, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isNotBlank();
		if (detail != null) {
			assertThat(problem.get("detail").asString()).contains(detail);
		}
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return send(request(path, token).GET());
	}

	private HttpResponse<String> post(String path, String token, String body) throws Exception {
		return send(request(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "application/json");
		return (token != null) ? request.header("Authorization", "Bearer " + token) : request;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
