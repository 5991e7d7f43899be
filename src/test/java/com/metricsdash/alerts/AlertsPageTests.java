package com.metricsdash.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.metricsdash.simulator.SimulatorCatalog;
import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alerts page and its fragments over HTTP, signed in by a cookie session (CSRF tokens required) or by a session
 * token as when embedded: what each alert says, the ranking, the filters, acknowledging, and the bell.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsPageTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	AlertRepository alerts;

	SimulatorCatalog catalog;

	Merchant merchant;

	Merchant otherMerchant;

	String shop;

	UUID storeId;

	UUID otherStoreId;

	@BeforeAll
	void installTwoShops() {
		this.catalog = new SimulatorCatalog(this.context);
		this.merchant = new Merchant(this.port);
		this.otherMerchant = new Merchant(this.port);
		this.shop = this.catalog.demoShop("alerts-page");
		this.storeId = Installs.installAndSync(this.context, this.merchant, this.shop);
		this.otherStoreId = Installs.installAndSync(this.context, this.otherMerchant,
				this.catalog.demoShop("alerts-page-other"));
	}

	@Test
	void thePageListsTheStoresAlertsMostUrgentFirstEachSayingWhyWithALinkToTheVariant() {
		long outOfStock = this.catalog.variantIds(this.shop).get(1);
		long low = this.catalog.variantIds(this.shop).get(2);
		this.catalog.setStock(this.shop, outOfStock, 0);
		this.catalog.setStock(this.shop, low, 4);
		Alert lowAlert = awaitLowStock(low, 4);
		Alert outAlert = awaitLowStock(outOfStock, 0);

		HttpResponse<String> page = this.merchant.get("/alerts");

		assertThat(page.statusCode()).isEqualTo(200);
		String body = page.body();
		assertThat(body).contains("<a href=\"/alerts\" aria-current=\"page\">Alerts</a>")
			.contains("<a href=\"/\">Dashboard</a>")
			.contains("<a href=\"/settings\">Settings</a>")
			.contains("id=\"alerts-bell\"")
			.contains("ws-connect=\"/ws/stores/" + this.storeId + "\"")
			.contains("4 units available, below the threshold of 10.")
			.contains("0 units available, below the threshold of 10.")
			.contains("href=\"https://admin.shopify.com/store/" + this.shop.replace(".myshopify.com", "")
					+ "/products/" + lowAlert.productId() + "/variants/" + low + "\"")
			.contains("target=\"_top\"")
			.contains("id=\"alert-" + lowAlert.id() + "-acknowledge\"");
		assertThat(body.indexOf("id=\"alert-" + outAlert.id() + "\"")).as("out of stock first")
			.isLessThan(body.indexOf("id=\"alert-" + lowAlert.id() + "\""));
		assertThat(body).containsPattern("(No recent sales in the last \\d+ days|Sells [\\d.]+ a day: \\d+ units? sold)");
	}

	@Test
	void theFiltersListOneStatusAndOneTypeAndRefuseOthers() {
		long low = this.catalog.variantIds(this.shop).get(3);
		this.catalog.setStock(this.shop, low, 3);
		Alert alert = awaitLowStock(low, 3);

		assertThat(this.merchant.get("/alerts/list?status=active&type=low_stock").body())
			.contains("id=\"alert-" + alert.id() + "\"");
		assertThat(this.merchant.get("/alerts/list?status=resolved&type=low_stock").body())
			.doesNotContain("id=\"alert-" + alert.id() + "\"");
		assertThat(this.merchant.get("/alerts/list?status=&type=predicted_stockout").body())
			.doesNotContain("id=\"alert-" + alert.id() + "\"");
		HttpResponse<String> page = this.merchant.get("/alerts?status=acknowledged&type=reorder_point");
		assertThat(page.body()).contains("<option value=\"acknowledged\" selected=\"selected\">Acknowledged</option>")
			.contains("<option value=\"reorder_point\" selected=\"selected\">Reorder point</option>")
			.contains("No acknowledged reorder point alerts.");
		assertThat(this.merchant.get("/alerts/list?status=open").statusCode()).isEqualTo(400);
		assertThat(this.merchant.get("/alerts/list?type=sold_out").statusCode()).isEqualTo(400);
	}

	@Test
	void anAlertIsAcknowledgedWithTheSessionsCsrfTokenByItsOwnStoreOnly() {
		long low = this.catalog.variantIds(this.shop).get(4);
		this.catalog.setStock(this.shop, low, 5);
		Alert alert = awaitLowStock(low, 5);
		int unread = this.alerts.unread(this.storeId).count();
		String acknowledge = "/alerts/" + alert.id() + "/acknowledge";

		assertThat(this.merchant.post(acknowledge, "").statusCode()).as("without a CSRF token").isEqualTo(403);
		assertThat(this.otherMerchant.postWithCsrf(acknowledge).statusCode()).as("another store's alert")
			.isEqualTo(404);
		assertThat(this.alerts.find(this.storeId, alert.id()).orElseThrow().status()).isEqualTo("active");

		HttpResponse<String> acknowledged = this.merchant.postWithCsrf(acknowledge);

		assertThat(acknowledged.statusCode()).isEqualTo(200);
		assertThat(acknowledged.body()).contains("id=\"alert-" + alert.id() + "\"")
			.contains("data-status=\"acknowledged\"")
			.contains("autofocus")
			.doesNotContain("id=\"alert-" + alert.id() + "-acknowledge\"");
		assertThat(this.merchant.get("/alerts/bell").body()).contains("data-unread=\"" + (unread - 1) + "\"");
		assertThat(this.alerts.find(this.storeId, alert.id()).orElseThrow().status()).isEqualTo("acknowledged");
	}

	@Test
	void theBellSaysHowManyAlertsAreUnread() {
		long low = this.catalog.variantIds(this.shop).get(5);
		this.catalog.setStock(this.shop, low, 1);
		awaitLowStock(low, 1);
		int unread = this.alerts.unread(this.storeId).count();

		HttpResponse<String> bell = this.merchant.get("/alerts/bell");

		assertThat(bell.statusCode()).isEqualTo(200);
		assertThat(bell.body()).contains("href=\"/alerts\"")
			.contains("aria-label=\"" + unread + " unread alert" + ((unread == 1) ? "" : "s") + "\"")
			.contains("<span class=\"bell-count\" aria-hidden=\"true\">" + unread + "</span>")
			.doesNotContain("hx-swap-oob");
		assertThat(this.otherMerchant.get("/alerts/bell").body()).as("the other store's own count")
			.contains("data-unread=\"" + this.alerts.unread(this.otherStoreId).count() + "\"");
	}

	@Test
	void embeddedThePagesAnswerASessionTokenWithoutCsrf() throws Exception {
		long low = this.catalog.variantIds(this.shop).get(6);
		this.catalog.setStock(this.shop, low, 2);
		Alert alert = awaitLowStock(low, 2);
		String token = new SimulatorFixture(this.context).idToken(this.shop);
		HttpClient http = HttpClient.newHttpClient();

		HttpResponse<String> list = http.send(embedded("/alerts/list", token).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> acknowledged = http.send(embedded("/alerts/" + alert.id() + "/acknowledge", token)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("id=\"alert-" + alert.id() + "\"");
		assertThat(acknowledged.statusCode()).isEqualTo(200);
		assertThat(acknowledged.body()).contains("data-status=\"acknowledged\"");
		assertThat(http.send(embedded("/alerts/list", null).GET().build(), HttpResponse.BodyHandlers.ofString())
			.statusCode()).as("neither session nor token").isEqualTo(302);
	}

	private HttpRequest.Builder embedded(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("HX-Request", "true");
		return (token != null) ? request.header("Authorization", "Bearer " + token) : request;
	}

	/**
	 * The variant's low-stock alert once it shows the level just set: the demo shop may have stocked the variant below
	 * the threshold from the start, and its alert from then, with the old level, does not mean the new one arrived.
	 */
	private Alert awaitLowStock(long variant, int level) {
		return await().atMost(Duration.ofSeconds(5))
			.until(() -> lowStock(this.alerts.list(this.storeId, null, AlertType.LOW_STOCK), variant, level),
					(found) -> found != null);
	}

	private static Alert lowStock(List<Alert> alerts, long variant, int level) {
		return alerts.stream()
			.filter((alert) -> alert.variantId() == variant && alert.currentLevel() == level)
			.findFirst()
			.orElse(null);
	}

}
