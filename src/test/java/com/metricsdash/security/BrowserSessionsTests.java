package com.metricsdash.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import com.metricsdash.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class BrowserSessionsTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	SimulatorFixture simulator;

	Merchant merchant;

	String shop;

	@BeforeEach
	void install() {
		this.simulator = new SimulatorFixture(this.context);
		this.merchant = new Merchant(this.port);
		this.shop = this.simulator.newShop("sessions");
		this.merchant.install(this.shop);
	}

	@Test
	void signingOutInvalidatesTheSessionSoThatItsCookieNoLongerOpensTheStore() throws Exception {
		String cookie = this.merchant.cookieHeader();
		assertThat(this.merchant.get("/alerts").body()).contains(">Sign out</button>");

		HttpResponse<String> signedOut = this.merchant.postWithCsrf("/logout");

		assertThat(signedOut.statusCode()).isEqualTo(302);
		assertThat(Merchant.location(signedOut)).endsWith("/");
		assertThat(withCookie(cookie, "/alerts").statusCode()).as("the old cookie's session is gone").isEqualTo(302);
		assertThat(withCookie(cookie, "/").body()).contains("Connect your Shopify store").doesNotContain("Sign out");
	}

	@Test
	void signingOutNeedsTheCsrfToken() throws Exception {
		assertThat(this.merchant.post("/logout", "").statusCode()).isEqualTo(403);

		assertThat(withCookie(this.merchant.cookieHeader(), "/alerts").statusCode()).isEqualTo(200);
	}

	@Test
	void aSessionWhoseStoreWasUninstalledOpensNoPageOfItAndIsSignedOut() throws Exception {
		String cookie = this.merchant.cookieHeader();

		new Webhooks(this.port).deliver("app/uninstalled", this.shop, UUID.randomUUID().toString(),
				Webhooks.uninstalledBody(this.shop));

		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
			.until(() -> withCookie(cookie, "/alerts").statusCode() == 302);
		assertThat(withCookie(cookie, "/").body()).contains("Connect your Shopify store").doesNotContain("Sign out");
		assertThat(withCookie(cookie, "/dashboard/settings").statusCode()).isEqualTo(302);
	}

	@Test
	void aPageInsideTheShopifyAdminOffersNoSignOut() {
		HttpResponse<String> embedded = new Merchant(this.port)
			.get("/?embedded=1&shop=" + this.shop + "&id_token=" + this.simulator.idToken(this.shop));

		assertThat(embedded.statusCode()).isEqualTo(200);
		assertThat(embedded.body()).doesNotContain("Sign out");
	}

	/** A request with nothing but the given cookie, as a browser that kept it would send. */
	private HttpResponse<String> withCookie(String cookie, String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Cookie", cookie)
				.header("Accept", "text/html")
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
