package com.metricsdash.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.metricsdash.live.LiveClient;
import com.metricsdash.live.LivePush;
import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A store's dashboard settings: the form, what a save changes (page, API, open sockets) and what it refuses. */
@IntegrationTest
class DashboardSettingsTests {

	private static final String LAST_WEEK_WITHOUT_AOV = "comparison=last_week&showOrders=true&showRevenue=true"
			+ "&showConversion=true&showRevenueChart=true";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	SettingsRepository settings;

	@Autowired
	LivePush push;

	SimulatorFixture simulator;

	Merchant merchant;

	String shop;

	UUID storeId;

	@BeforeEach
	void installAStore() {
		this.simulator = new SimulatorFixture(this.context);
		this.merchant = new Merchant(this.port);
		this.shop = this.simulator.newShop("settings");
		this.storeId = Installs.installAndSync(this.context, this.merchant, this.shop);
	}

	@Test
	void theFormShowsTheDefaultsOfAStoreThatHasSavedNone() {
		HttpResponse<String> form = this.merchant.get("/dashboard/settings");
		assertThat(this.merchant.get("/settings").body()).as("the settings page loads it")
			.contains("hx-get=\"/dashboard/settings\"");

		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.body()).contains("<label for=\"settings-comparison\">")
			.contains("<option value=\"yesterday\" selected=\"selected\">Yesterday</option>")
			.contains("Same weekday last week")
			.contains("Same date last month")
			.contains("name=\"showAov\" value=\"true\" checked=\"checked\"");
		assertThat(this.settings.of(this.storeId)).isEqualTo(DashboardSettings.DEFAULTS);
	}

	@Test
	void aSavedComparisonAndHiddenWidgetApplyToThePageAndTheApi() throws Exception {
		HttpResponse<String> saved = this.merchant.postFormWithCsrf("/dashboard/settings", LAST_WEEK_WITHOUT_AOV);

		assertThat(saved.statusCode()).isEqualTo(200);
		assertThat(saved.body()).contains("Saved")
			.contains("<option value=\"last_week\" selected=\"selected\">")
			.doesNotContain("name=\"showAov\" value=\"true\" checked");
		HttpResponse<String> cards = this.merchant.get("/dashboard/cards");
		assertThat(cards.body()).contains("last week, same time")
			.contains("data-figure=\"orders\"")
			.doesNotContain("data-figure=\"aov\"")
			.doesNotContain("yesterday, same time")
			.contains("role=\"img\"");
		assertThat(api("")).contains("\"comparison\":\"last_week\"").contains("\"lastWeek\"");
		assertThat(api("?compare=last_month")).contains("\"comparison\":\"last_month\"");
	}

	@Test
	void aHiddenChartIsNotRendered() {
		this.merchant.postFormWithCsrf("/dashboard/settings", "comparison=yesterday&showOrders=true");

		assertThat(this.merchant.get("/dashboard/cards").body()).contains("data-figure=\"orders\"")
			.doesNotContain("data-figure=\"revenue\"")
			.doesNotContain("role=\"img\"");
	}

	@Test
	void invalidInputIsRefusedWithASentenceAndChangesNothing() {
		this.merchant.postFormWithCsrf("/dashboard/settings", LAST_WEEK_WITHOUT_AOV);
		DashboardSettings before = this.settings.of(this.storeId);

		HttpResponse<String> unknown = this.merchant.postFormWithCsrf("/dashboard/settings",
				"comparison=last_year&showOrders=true");
		HttpResponse<String> nothingShown = this.merchant.postFormWithCsrf("/dashboard/settings",
				"comparison=last_month");
		HttpResponse<String> noCsrf = this.merchant.post("/dashboard/settings", "comparison=last_month&showOrders=true");

		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("role=\"alert\"").contains("Choose one of the offered days to compare with.");
		assertThat(nothingShown.statusCode()).isEqualTo(400);
		assertThat(nothingShown.body()).contains("role=\"alert\"")
			.contains("Keep at least one figure or the chart visible.");
		assertThat(noCsrf.statusCode()).isEqualTo(403);
		assertThat(this.settings.of(this.storeId)).isEqualTo(before);
		assertThat(this.merchant.get("/dashboard/cards").body()).contains("last week, same time")
			.doesNotContain("data-figure=\"aov\"");
	}

	@Test
	void anOpenPageOfTheStoreReceivesTheReRenderedCardsOnSave() throws Exception {
		try (LiveClient page = LiveClient.connect("ws://localhost:" + this.port + "/ws/stores/" + this.storeId,
				Map.of("Cookie", this.merchant.cookieHeader()))) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.push.connections(this.storeId) > 0);
			// the alerts bell greets a new socket too, in no set order with the figures
			String greeting = page.next(Duration.ofSeconds(5));
			if (greeting != null && greeting.contains("id=\"alerts-bell\"")) {
				greeting = page.next(Duration.ofSeconds(5));
			}
			assertThat(greeting).contains("yesterday, same time").contains("data-figure=\"aov\"");

			this.merchant.postFormWithCsrf("/dashboard/settings", LAST_WEEK_WITHOUT_AOV);

			// a 30 s tick may push the old figures in between; the save's frame is the first worded "last week"
			String pushed = null;
			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (System.nanoTime() < deadline && (pushed == null || !pushed.contains("last week"))) {
				pushed = page.next(Duration.ofMillis(deadline - System.nanoTime()).plusMillis(1));
			}
			assertThat(pushed).isNotNull()
				.contains("hx-swap-oob=\"true\"")
				.contains("last week, same time")
				.doesNotContain("data-figure=\"aov\"");
		}
	}

	private String api(String query) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/api/stores/" + this.storeId + "/dashboard"
						+ query))
				.header("Authorization", "Bearer " + this.simulator.idToken(this.shop))
				.header("Accept", "application/json")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

}
