package com.metricsdash.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.metricsdash.inventory.StockLevels;
import com.metricsdash.inventory.VariantStock;
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

/**
 * The alert settings on the settings page and through the API: what each refuses (400, the field named, nothing
 * saved), what a save changes in the alerts at once, and who may read and change them.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertSettingsTests {

	private static final String DEFAULTS = "lowStockThreshold=10&leadTimeDays=7&safetyStockDays=3&stockoutHorizonDays=14";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	AlertSettingsRepository settings;

	@Autowired
	StockLevels stock;

	@Autowired
	JsonMapper json;

	final HttpClient http = HttpClient.newHttpClient();

	Merchant merchant;

	String shop;

	UUID storeId;

	UUID otherStoreId;

	String token;

	@BeforeAll
	void installTwoShops() {
		SimulatorCatalog catalog = new SimulatorCatalog(this.context);
		this.merchant = new Merchant(this.port);
		this.shop = catalog.demoShop("alert-settings");
		this.storeId = Installs.installAndSync(this.context, this.merchant, this.shop);
		this.otherStoreId = Installs.installAndSync(this.context, new Merchant(this.port),
				catalog.demoShop("alert-settings-other"));
		this.token = new SimulatorFixture(this.context).idToken(this.shop);
	}

	@Test
	void theSettingsPageHoldsBothSectionsForItsStoreOnly() {
		HttpResponse<String> page = this.merchant.get("/settings");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("hx-get=\"/dashboard/settings\"").contains("hx-get=\"/settings/alerts\"");
		assertThat(new Merchant(this.port).get("/settings").statusCode()).as("nobody signed in").isEqualTo(302);

		HttpResponse<String> section = this.merchant.get("/settings/alerts");
		assertThat(section.body()).contains("<label for=\"alert-default-lowStockThreshold\">Low-stock threshold</label>")
			.contains("name=\"stockoutHorizonDays\"")
			.contains("value=\"14\"")
			.contains("class=\"variant-choice\"");
	}

	@Test
	void theVariantListIsSearchedByTitleOrSku() {
		VariantStock variant = this.stock.stock(this.storeId).get(0);

		String bySku = this.merchant.get("/settings/alerts/variants?q=" + variant.sku().toLowerCase()).body();
		String nothing = this.merchant.get("/settings/alerts/variants?q=no-such-thing-anywhere").body();

		assertThat(bySku).contains("/settings/alerts/variants/" + variant.variantId());
		assertThat(nothing).contains("No variant on sale matches").doesNotContain("variant-choice");
	}

	@Test
	void theFormRefusesEachFieldByNameAndSavesNothing() {
		AlertSettings before = this.settings.defaults(this.storeId);
		Map<String, String> refused = Map.of("lowStockThreshold=-1", "Low-stock threshold must be",
				"lowStockThreshold=1000001", "Low-stock threshold must be", "leadTimeDays=366", "Lead time must be",
				"leadTimeDays=abc", "Lead time must be", "safetyStockDays=-3", "Safety stock must be",
				"stockoutHorizonDays=0", "Stockout horizon must be", "stockoutHorizonDays=400", "Stockout horizon must be",
				"stockoutHorizonDays=", "Stockout horizon must be");
		refused.forEach((value, sentence) -> {
			String field = value.substring(0, value.indexOf('='));
			HttpResponse<String> answer = this.merchant.postFormWithCsrf("/settings/alerts",
					DEFAULTS.replaceAll(field + "=\\d+", value));

			assertThat(answer.statusCode()).as(value).isEqualTo(400);
			assertThat(answer.body()).as(value)
				.contains(sentence)
				.contains("id=\"alert-default-" + field + "-error\"")
				.contains("aria-invalid=\"true\"")
				.contains("aria-describedby=\"alert-default-" + field + "-hint alert-default-" + field + "-error\"")
				.containsOnlyOnce("aria-invalid");
		});
		long variant = this.stock.stock(this.storeId).get(0).variantId();
		HttpResponse<String> variantAnswer = this.merchant.postFormWithCsrf("/settings/alerts/variants/" + variant,
				"lowStockThreshold=&leadTimeDays=-1&excluded=true");

		assertThat(variantAnswer.statusCode()).isEqualTo(400);
		assertThat(variantAnswer.body()).contains("Lead time must be a whole number of days from 0 to 365.");
		assertThat(this.settings.defaults(this.storeId)).as("nothing saved").isEqualTo(before);
		assertThat(this.settings.variant(this.storeId, variant)).as("nothing saved").isEmpty();
	}

	@Test
	void theApiRefusesEachFieldByNameAndSavesNothing() throws Exception {
		AlertSettings before = this.settings.defaults(this.storeId);
		String path = "/api/stores/" + this.storeId + "/alert-settings";

		assertProblem(put(path, "{\"lowStockThreshold\":-1,\"leadTimeDays\":7,\"safetyStockDays\":3,"
				+ "\"stockoutHorizonDays\":14}"), 400, "lowStockThreshold");
		assertProblem(put(path, "{\"lowStockThreshold\":10,\"leadTimeDays\":366,\"safetyStockDays\":3,"
				+ "\"stockoutHorizonDays\":0}"), 400, "leadTimeDays", "stockoutHorizonDays");
		assertProblem(put(path, "{\"lowStockThreshold\":10,\"leadTimeDays\":7,\"stockoutHorizonDays\":14}"), 400,
				"safetyStockDays");
		assertProblem(put(path, "{\"lowStockThreshold\":\"lots\",\"leadTimeDays\":7,\"safetyStockDays\":3,"
				+ "\"stockoutHorizonDays\":14}"), 400, "lowStockThreshold");
		assertProblem(put(path, "{\"lowStockThreshold\":10,\"leadTimeDays\":7.5,\"safetyStockDays\":3,"
				+ "\"stockoutHorizonDays\":14}"), 400, "leadTimeDays");
		long variant = this.stock.stock(this.storeId).get(0).variantId();
		assertProblem(put(path + "/variants/" + variant, "{\"stockoutHorizonDays\":366,\"excluded\":true}"), 400,
				"stockoutHorizonDays");

		assertThat(this.settings.defaults(this.storeId)).as("nothing saved").isEqualTo(before);
		assertThat(this.settings.variant(this.storeId, variant)).as("nothing saved").isEmpty();
	}

	@Test
	void raisingTheThresholdFiresLowStockAtOnceAndExcludingTheVariantResolvesIt() throws Exception {
		VariantStock variant = this.stock.stock(this.storeId)
			.stream()
			.filter((candidate) -> candidate.tracked() && candidate.available() >= 12 && candidate.available() < 1000)
			.findFirst()
			.orElseThrow();
		assertThat(lowStock(variant.variantId(), "active")).as("not low yet").isFalse();

		HttpResponse<String> raised = this.merchant.postFormWithCsrf("/settings/alerts",
				DEFAULTS.replace("lowStockThreshold=10", "lowStockThreshold=" + (variant.available() + 1)));

		assertThat(raised.statusCode()).isEqualTo(200);
		assertThat(raised.body()).contains("Saved. Alerts changed:");
		assertThat(lowStock(variant.variantId(), "active")).as("fired by the save itself").isTrue();

		String path = "/api/stores/" + this.storeId + "/alert-settings/variants/" + variant.variantId();
		HttpResponse<String> excluded = put(path, "{\"excluded\":true}");
		assertThat(excluded.statusCode()).as(excluded.body()).isEqualTo(200);
		assertThat(this.json.readTree(excluded.body()).get("excluded").asBoolean()).isTrue();
		assertThat(lowStock(variant.variantId(), "active")).isFalse();
		assertThat(lowStock(variant.variantId(), "resolved")).as("resolved by the exclusion").isTrue();

		assertThat(send("DELETE", path, null, this.token).statusCode()).isEqualTo(204);
		JsonNode reset = this.json.readTree(send("GET", path, null, this.token).body());
		assertThat(reset.get("excluded").asBoolean()).isFalse();
		assertThat(reset.get("lowStockThreshold").isNull()).isTrue();
		assertThat(reset.get("applied").get("lowStockThreshold").asInt()).isEqualTo(variant.available() + 1);
		assertThat(lowStock(variant.variantId(), "active")).as("fires again under the defaults").isTrue();

		HttpResponse<String> restored = put("/api/stores/" + this.storeId + "/alert-settings",
				"{\"lowStockThreshold\":10,\"leadTimeDays\":7,\"safetyStockDays\":3,\"stockoutHorizonDays\":14}");
		assertThat(restored.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(restored.body()).get("stockoutHorizonDays").asInt()).isEqualTo(14);
		assertThat(lowStock(variant.variantId(), "active")).as("resolved by lowering it again").isFalse();
	}

	@Test
	void onlyTheStoresOwnBearerReachesItsSettings() throws Exception {
		String path = "/api/stores/" + this.storeId + "/alert-settings";
		String forged = SessionTokens.sign(this.shop, "a-forged-secret-that-is-long-enough-for-hs256", Instant.now());

		assertProblem(send("GET", path, null, null), 401);
		assertProblem(send("GET", path, null, forged), 401);
		assertProblem(send("GET", "/api/stores/" + this.otherStoreId + "/alert-settings", null, this.token), 403);
		assertProblem(send("PUT", "/api/stores/" + this.otherStoreId + "/alert-settings/variants/1",
				"{\"excluded\":true}", this.token), 403);
		assertProblem(send("GET", path + "/variants/1", null, this.token), 404, "no variant 1");
		assertProblem(send("GET", path + "/variants/shirt", null, this.token), 400, "'variantId' must be a whole number");
		JsonNode defaults = this.json.readTree(send("GET", path, null, this.token).body());
		assertThat(defaults.propertyNames()).containsExactly("lowStockThreshold", "leadTimeDays", "safetyStockDays",
				"stockoutHorizonDays");
	}

	private boolean lowStock(long variantId, String status) throws Exception {
		HttpResponse<String> alerts = send("GET", "/api/stores/" + this.storeId + "/alerts?status=" + status, null,
				this.token);
		return this.json.readTree(alerts.body())
			.valueStream()
			.anyMatch((alert) -> alert.get("variantId").asLong() == variantId
					&& "low_stock".equals(alert.get("alertType").asString()));
	}

	private void assertProblem(HttpResponse<String> response, int status, String... fields) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = this.json.readTree(response.body());
		for (String field : fields) {
			assertThat(problem.get("detail").asString()).as(response.body()).contains(field);
		}
		if (status == 400 && fields.length > 0 && fields[0].matches("[a-zA-Z]+")) {
			List<String> named = problem.get("errors").valueStream().map((error) -> error.get("field").asString()).toList();
			assertThat(named).as(response.body()).contains(fields);
		}
	}

	private HttpResponse<String> put(String path, String body) throws Exception {
		return send("PUT", path, body, this.token);
	}

	private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "application/json")
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
