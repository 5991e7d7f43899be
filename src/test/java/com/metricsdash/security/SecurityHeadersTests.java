package com.metricsdash.security;

import java.net.http.HttpResponse;

import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class SecurityHeadersTests {

	private static final String SCRIPTS = "script-src 'self' https://cdn.shopify.com; object-src 'none'; base-uri 'self';";

	@Autowired
	ApplicationContext context;

	@LocalServerPort
	int port;

	@Test
	void pagesRunScriptsOnlyFromTheAppAndShopifysCdnAndAreFramedByNobodyByDefault() {
		HttpResponse<String> page = new Merchant(this.port).get("/");

		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValue(SCRIPTS + " frame-ancestors 'none';");
	}

	@Test
	void aShopParameterAloneDoesNotLetThatShopFrameAPage() {
		HttpResponse<String> page = new Merchant(this.port).get("/?embedded=1&shop=attacker.myshopify.com");

		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(SCRIPTS + " frame-ancestors 'none';");
	}

	@Test
	void aPageThatVerifiedTheAdminsSessionTokenMayBeFramedByThatShopsAdminOnly() {
		SimulatorFixture simulator = new SimulatorFixture(this.context);
		String shop = simulator.newShop("framed");

		HttpResponse<String> page = new Merchant(this.port)
			.get("/?embedded=1&shop=" + shop + "&id_token=" + simulator.idToken(shop));

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValue(SCRIPTS + " frame-ancestors https://" + shop + " https://admin.shopify.com;");
	}

	@Test
	void everyResponseForbidsSniffingAndKeepsItsAddressToTheApp() {
		Merchant merchant = new Merchant(this.port);
		for (HttpResponse<String> response : new HttpResponse[] { merchant.get("/"), merchant.getJson("/api/stores"),
				merchant.get("/operator/webhooks") }) {
			assertThat(response.headers().firstValue("X-Content-Type-Options")).as(response.uri().getPath())
				.hasValue("nosniff");
			assertThat(response.headers().firstValue("Referrer-Policy")).as(response.uri().getPath())
				.hasValue("same-origin");
		}
	}

	@Test
	void theLocalProfileSendsNoHstsWhichWouldPinLocalhostToHttps() {
		assertThat(new Merchant(this.port).get("/").headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

}
