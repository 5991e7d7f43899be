package com.metricsdash.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import com.metricsdash.testing.SessionTokens;
import com.metricsdash.testing.Webhooks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store page's htmx requests as they come from inside the Shopify admin's iframe: no cookie, a Shopify session
 * token in {@code Authorization: Bearer}, no CSRF token.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedRequestsTests {

	private static final String LAST_WEEK = "comparison=last_week&showOrders=true&showRevenue=true";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	Stores stores;

	@Autowired
	SettingsRepository settings;

	/** No cookie handler: nothing this client sends can carry a session. */
	final HttpClient http = HttpClient.newHttpClient();

	SimulatorFixture simulator;

	Merchant merchant;

	String shop;

	UUID storeId;

	@BeforeAll
	void installAStore() {
		this.simulator = new SimulatorFixture(this.context);
		this.merchant = new Merchant(this.port);
		this.shop = this.simulator.newShop("embedded");
		this.storeId = Installs.installAndSync(this.context, this.merchant, this.shop);
	}

	@Test
	void theDashboardAndSyncFragmentsAnswerASessionTokenWithoutCookieOrSession() throws Exception {
		HttpResponse<String> cards = get("/dashboard/cards", this.simulator.idToken(this.shop));
		HttpResponse<String> progress = get("/sync/progress", this.simulator.idToken(this.shop));

		assertThat(cards.statusCode()).isEqualTo(200);
		assertThat(cards.body()).contains("id=\"dashboard\"").contains("data-figure=\"orders\"");
		assertThat(progress.statusCode()).isEqualTo(200);
		assertThat(progress.body()).contains("id=\"sync-progress\"").contains("data-state=\"COMPLETE\"");
		assertThat(cards.headers().allValues("Set-Cookie")).as("no session is created").isEmpty();
		assertThat(progress.headers().allValues("Set-Cookie")).as("no session is created").isEmpty();
		assertThat(cards.headers().firstValue("Content-Security-Policy")).get()
			.asString()
			.contains("frame-ancestors https://" + this.shop + " https://admin.shopify.com;");
	}

	@Test
	void aSettingsPostWithASessionTokenSavesWithoutACsrfToken() throws Exception {
		HttpResponse<String> saved = post("/dashboard/settings", LAST_WEEK, this.simulator.idToken(this.shop));

		assertThat(saved.statusCode()).isEqualTo(200);
		assertThat(saved.body()).contains("Saved").contains("<option value=\"last_week\" selected=\"selected\">");
		assertThat(comparison(this.storeId)).isEqualTo(Comparison.LAST_WEEK);
		assertThat(get("/dashboard/settings", this.simulator.idToken(this.shop)).body())
			.contains("<option value=\"last_week\" selected=\"selected\">");
	}

	@Test
	void aCookieSessionStillNeedsItsCsrfToken() {
		Comparison before = comparison(this.storeId);

		HttpResponse<String> refused = this.merchant.post("/dashboard/settings", "comparison=last_month&showOrders=true");

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(comparison(this.storeId)).isEqualTo(before);
	}

	@Test
	void aForgedOrExpiredTokenIsAnswered401AndChangesNothing() throws Exception {
		String valid = this.simulator.idToken(this.shop);
		String forged = valid.substring(0, valid.length() - 4) + "AAAA";
		String expired = SessionTokens.sign(this.shop, Webhooks.SECRET, Instant.now().minusSeconds(120));
		String otherApp = SessionTokens.sign(this.shop, "a-forged-secret-that-is-long-enough-too", Instant.now());
		Comparison before = comparison(this.storeId);

		for (String token : new String[] { forged, expired, otherApp }) {
			assertThat(get("/dashboard/cards", token).statusCode()).isEqualTo(401);
			assertThat(get("/sync/progress", token).statusCode()).isEqualTo(401);
			assertThat(post("/dashboard/settings", "comparison=last_month&showOrders=true", token).statusCode())
				.isEqualTo(401);
			assertThat(post("/sync/retry", "", token).statusCode()).isEqualTo(401);
		}
		assertThat(comparison(this.storeId)).isEqualTo(before);
	}

	@Test
	void anotherShopsTokenSeesAndChangesOnlyThatShopsStore() throws Exception {
		post("/dashboard/settings", LAST_WEEK, this.simulator.idToken(this.shop));
		String otherShop = this.simulator.newShop("embedded-other");
		new Merchant(this.port).install(otherShop);
		UUID otherStoreId = this.stores.installed(new ShopDomain(otherShop)).orElseThrow().id();
		String notInstalled = this.simulator.newShop("embedded-stranger");

		HttpResponse<String> theirs = get("/dashboard/settings", this.simulator.idToken(otherShop));
		HttpResponse<String> saved = post("/dashboard/settings", "comparison=last_month&showOrders=true",
				this.simulator.idToken(otherShop));

		assertThat(theirs.statusCode()).isEqualTo(200);
		assertThat(theirs.body()).contains("<option value=\"yesterday\" selected=\"selected\">")
			.doesNotContain("<option value=\"last_week\" selected=\"selected\">");
		assertThat(saved.statusCode()).isEqualTo(200);
		assertThat(comparison(otherStoreId)).isEqualTo(Comparison.LAST_MONTH);
		assertThat(comparison(this.storeId)).isEqualTo(Comparison.LAST_WEEK);
		assertThat(get("/dashboard/cards", this.simulator.idToken(notInstalled)).statusCode()).isEqualTo(401);
	}

	private Comparison comparison(UUID storeId) {
		return this.settings.of(storeId).comparison();
	}

	private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		return send(request(path, token).GET());
	}

	private HttpResponse<String> post(String path, String form, String token) throws IOException, InterruptedException {
		return send(request(path, token).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	private HttpRequest.Builder request(String path, String token) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + token)
			.header("HX-Request", "true");
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
