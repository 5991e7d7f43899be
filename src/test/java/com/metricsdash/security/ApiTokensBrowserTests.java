package com.metricsdash.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;

import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.testing.BrowserTest;
import com.metricsdash.testing.Merchant;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The API tokens section of the settings page, as a signed-in merchant uses it, and the header's Sign out. */
@BrowserTest
class ApiTokensBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void aTokenIsShownOnceWhenMadeAndStopsWorkingWhenRevoked(Page page) throws Exception {
		signIn(page, "api-tokens-page");
		page.navigate("http://localhost:" + this.port + "/settings");

		page.locator("#api-tokens button[type=submit]").click();
		assertThat(page.locator("#api-token-error")).hasText("Name must be 1 to 100 characters.");
		assertThat(page.locator("#api-token-name")).hasAttribute("aria-invalid", "true");
		assertThat(page.locator("#api-token-name")).isFocused();

		page.locator("#api-token-name").fill("Reporting script");
		page.locator("#api-token-days").selectOption("30");
		page.locator("#api-tokens button[type=submit]").click();
		assertThat(page.locator("#api-token-value")).hasValue(Pattern.compile("mdk_[A-Za-z0-9_-]{43}"));
		String token = page.locator("#api-token-value").inputValue();
		assertThat(page.locator("#api-tokens tbody tr")).hasCount(1);
		assertThat(page.locator("#api-tokens tbody tr")).containsText("Reporting script");
		assertThat(page.locator("#api-tokens tbody tr")).containsText("never");
		assertThat(api(token).statusCode()).isEqualTo(200);

		page.reload();
		assertThat(page.locator("#api-tokens tbody tr")).containsText("Reporting script");
		assertThat(page.locator("#api-token-value")).hasCount(0);
		assertThat(page.content()).as("shown once").doesNotContain(token);

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke Reporting script")).click();
		assertThat(page.locator("#api-tokens")).containsText("No API tokens yet.");
		assertThat(api(token).statusCode()).isEqualTo(401);
	}

	@Test
	void signingOutFromTheHeaderLeavesTheStoreForTheConnectPage(Page page) {
		signIn(page, "sign-out-page");
		page.navigate("http://localhost:" + this.port + "/settings");
		// the page as the merchant sees it, its bell loaded: signing out while the bell's request is under way cancels
		// it, which htmx reports as a failed request
		assertThat(page.locator("#alerts-bell")).hasAttribute("data-unread", Pattern.compile("\\d+"));

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();

		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Connect your Shopify store")))
			.isVisible();
		page.navigate("http://localhost:" + this.port + "/settings");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Connect your Shopify store")))
			.isVisible();
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))).hasCount(0);
	}

	/** Installs a new shop as a merchant and hands the browser the merchant's session cookie. */
	private void signIn(Page page, String name) {
		Merchant merchant = new Merchant(this.port);
		merchant.install(new SimulatorFixture(this.context).newShop(name));
		String[] session = merchant.cookieHeader().split("=", 2);
		page.context()
			.addCookies(List.of(new Cookie(session[0], session[1]).setDomain("localhost").setPath("/").setHttpOnly(true)));
	}

	private HttpResponse<String> api(String token) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/stores"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
