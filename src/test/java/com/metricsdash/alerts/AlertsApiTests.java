package com.metricsdash.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.metricsdash.live.LiveClient;
import com.metricsdash.shop.Stores;
import com.metricsdash.simulator.SimulatorCatalog;
import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import com.metricsdash.testing.SessionTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end against the simulator: stock dropped at the shop reaches the app by webhook, fires an alert within a
 * second or two, pushed to the store's JSON socket and listed by the API; restocking resolves it.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsApiTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	Stores stores;

	@Autowired
	JsonMapper json;

	final HttpClient http = HttpClient.newHttpClient();

	SimulatorCatalog catalog;

	String shop;

	UUID storeId;

	UUID otherStoreId;

	String token;

	@BeforeAll
	void installTwoShops() {
		this.catalog = new SimulatorCatalog(this.context);
		this.shop = this.catalog.demoShop("alerts");
		this.storeId = Installs.installAndSync(this.context, new Merchant(this.port), this.shop);
		this.otherStoreId = Installs.installAndSync(this.context, new Merchant(this.port),
				this.catalog.demoShop("alerts-other"));
		this.token = new SimulatorFixture(this.context).idToken(this.shop);
	}

	@Test
	void stockDroppedAtTheShopFiresAnAlertLiveAndRestockingResolvesIt() throws Exception {
		long variant = this.catalog.wellStockedVariant(this.shop);
		try (LiveClient socket = LiveClient.connect("ws://localhost:" + this.port + "/ws/stores/" + this.storeId
				+ "?format=json", Map.of("Authorization", "Bearer " + this.token))) {
			long dropped = System.nanoTime();
			this.catalog.setStock(this.shop, variant, 2);

			JsonNode created = frame(socket, "alert:created", variant);
			System.out.printf("alert:created %d ms after the stock change at the simulator%n",
					Duration.ofNanos(System.nanoTime() - dropped).toMillis());
			assertThat(created.get("alertType").asString()).isEqualTo("low_stock");
			assertThat(created.get("currentLevel").asInt()).as("below the threshold: the second location's stock "
					+ "may still be on its way").isLessThan(10);

			JsonNode alert = await().atMost(Duration.ofSeconds(5))
				.until(() -> one(this.json.readTree(get("/api/stores/" + this.storeId + "/alerts", this.token).body()),
						variant), (listed) -> listed.get("currentLevel").asInt() == 2);
			assertThat(alert.propertyNames()).startsWith("id", "storeId", "productId", "variantId", "productTitle",
					"variantTitle", "sku", "alertType", "threshold", "currentLevel", "status", "createdAt",
					"resolvedAt");
			assertThat(alert.get("storeId").asString()).isEqualTo(this.storeId.toString());
			assertThat(alert.get("status").asString()).isEqualTo("active");
			assertThat(alert.get("threshold").asInt()).isEqualTo(10);
			assertThat(alert.get("resolvedAt").isNull()).isTrue();

			this.catalog.setStock(this.shop, variant, 50);
			JsonNode resolved = frame(socket, "alert:resolved", variant);
			assertThat(resolved.get("id").asString()).isEqualTo(alert.get("id").asString());
			assertThat(resolved.get("status").asString()).isEqualTo("resolved");
			JsonNode resolvedList = this.json.readTree(
					get("/api/stores/" + this.storeId + "/alerts?status=resolved", this.token).body());
			assertThat(one(resolvedList, variant).get("resolvedAt").isNull()).isFalse();
		}
	}

	@Test
	void anAlertIsAcknowledgedByItsStoreOnlyAndListedUnderItsStatus() throws Exception {
		long outOfStock = this.catalog.variantIds(this.shop).get(5);
		long low = this.catalog.variantIds(this.shop).get(6);
		this.catalog.setStock(this.shop, outOfStock, 0);
		this.catalog.setStock(this.shop, low, 4);
		String alerts = "/api/stores/" + this.storeId + "/alerts";
		// each variant's stock moves location by location, so its alert may show a level on the way first
		List<JsonNode> ranked = await().atMost(Duration.ofSeconds(5))
			.until(() -> this.json.readTree(get(alerts, this.token).body()).valueStream().toList(),
					(listed) -> level(listed, outOfStock) == 0 && level(listed, low) == 4);
		assertThat(ranked.indexOf(one(ranked, outOfStock))).as("out of stock first")
			.isLessThan(ranked.indexOf(one(ranked, low)));
		String id = one(ranked, low).get("id").asString();

		assertProblem(post("/api/stores/" + this.otherStoreId + "/alerts/" + id + "/acknowledge", this.token), 403);
		String otherToken = new SimulatorFixture(this.context).idToken(
				this.stores.installed(this.otherStoreId).orElseThrow().shop().value());
		assertProblem(post("/api/stores/" + this.otherStoreId + "/alerts/" + id + "/acknowledge", otherToken), 404);
		HttpResponse<String> acknowledged = post(alerts + "/" + id + "/acknowledge", this.token);

		assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
		assertThat(this.json.readTree(acknowledged.body()).get("status").asString()).isEqualTo("acknowledged");
		assertThat(ids(get(alerts + "?status=acknowledged", this.token))).contains(id);
		assertThat(ids(get(alerts + "?status=active", this.token))).doesNotContain(id);
		assertThat(ids(get(alerts, this.token))).as("open alerts include acknowledged ones").contains(id);
	}

	@Test
	void aStoreGetsItsAlertsTheMomentItsInitialSyncCompletes() throws Exception {
		String shop = this.catalog.demoShop("alerts-synced");
		long variant = this.catalog.variantIds(shop).get(5);
		this.catalog.setStock(shop, variant, 1);

		UUID storeId = Installs.installAndSync(this.context, new Merchant(this.port), shop);

		String token = new SimulatorFixture(this.context).idToken(shop);
		JsonNode alert = await().atMost(Duration.ofSeconds(5))
			.until(() -> this.json.readTree(get("/api/stores/" + storeId + "/alerts", token).body()),
					(listed) -> listed.valueStream().anyMatch((found) -> found.get("variantId").asLong() == variant));
		assertThat(one(alert, variant).get("currentLevel").asInt()).isEqualTo(1);
	}

	@Test
	void badRequestsAreProblems() throws Exception {
		String alerts = "/api/stores/" + this.storeId + "/alerts";
		assertProblem(get(alerts, null), 401);
		assertProblem(get(alerts, SessionTokens.sign(this.shop, "a-forged-secret-that-is-long-enough-for-hs256",
				Instant.now())), 401);
		assertProblem(get("/api/stores/" + this.otherStoreId + "/alerts", this.token), 403);
		assertProblem(get(alerts + "?status=open", this.token), 400, "'status' must be one of active, acknowledged, resolved");
		assertProblem(get("/api/stores/not-a-store/alerts", this.token), 400, "'storeId' must be a valid UUID");
		assertProblem(post(alerts + "/not-an-alert/acknowledge", this.token), 400, "'alertId' must be a valid UUID");
		assertProblem(post(alerts + "/" + UUID.randomUUID() + "/acknowledge", this.token), 404, "no alert");
	}

	private JsonNode frame(LiveClient socket, String type, long variant) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (System.nanoTime() < deadline) {
			String frame = socket.next(Duration.ofMillis(200));
			if (frame != null) {
				JsonNode node = this.json.readTree(frame);
				if (type.equals(node.get("type").asString()) && node.get("data").get("variantId").asLong() == variant) {
					return node.get("data");
				}
			}
		}
		throw new AssertionError("no " + type + " for variant " + variant + " within 5 s");
	}

	private static JsonNode one(Iterable<JsonNode> alerts, long variant) {
		return lowStock(alerts, variant)
			.orElseThrow(() -> new AssertionError("no low_stock alert for variant " + variant));
	}

	private static Optional<JsonNode> lowStock(Iterable<JsonNode> alerts, long variant) {
		for (JsonNode alert : alerts) {
			if (alert.get("variantId").asLong() == variant && "low_stock".equals(alert.get("alertType").asString())) {
				return Optional.of(alert);
			}
		}
		return Optional.empty();
	}

	/** The level the variant's low-stock alert shows, or -1 while it has none. */
	private static int level(Iterable<JsonNode> alerts, long variant) {
		return lowStock(alerts, variant).map((alert) -> alert.get("currentLevel").asInt()).orElse(-1);
	}

	private List<String> ids(HttpResponse<String> response) {
		return this.json.readTree(response.body()).valueStream().map((alert) -> alert.get("id").asString()).toList();
	}

	private void assertProblem(HttpResponse<String> response, int status) {
		assertProblem(response, status, null);
	}

	private void assertProblem(HttpResponse<String> response, int status, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		if (detail != null) {
			assertThat(this.json.readTree(response.body()).get("detail").asString()).contains(detail);
		}
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return this.http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String token) throws Exception {
		return this.http.send(request(path, token).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "application/json");
		return (token != null) ? request.header("Authorization", "Bearer " + token) : request;
	}

}
