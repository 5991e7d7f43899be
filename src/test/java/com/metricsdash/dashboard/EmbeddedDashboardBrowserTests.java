package com.metricsdash.dashboard;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.BrowserTest;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.Merchant;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The store and settings pages as the Shopify admin opens them in its iframe, where the page's cookies are blocked. */
@BrowserTest
class EmbeddedDashboardBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void openedWithASessionTokenThePagesLoadStayLiveAndSaveOnTokensAlone(Page page) {
		SimulatorOrders orders = new SimulatorOrders(this.context);
		SimulatorFixture admin = new SimulatorFixture(this.context);
		String shop = orders.newShop("embedded-page", ZoneId.of("America/New_York"), 3, 20);
		Installs.installAndSync(this.context, new Merchant(this.port), shop);

		// The one stand-in: App Bridge comes from Shopify's CDN, which no network here reaches. Like the real one, it
		// defines window.shopify, whose idToken() answers a fresh session token of the shop, minted by the simulator
		// as Shopify's admin would.
		AtomicInteger tokensHandedOut = new AtomicInteger();
		page.exposeFunction("freshSessionToken", (args) -> {
			tokensHandedOut.incrementAndGet();
			return admin.idToken(shop);
		});
		page.route("https://cdn.shopify.com/**", (route) -> route.fulfill(new Route.FulfillOptions()
			.setContentType("text/javascript")
			.setBody("window.shopify = { idToken: async () => window.freshSessionToken() };")));
		List<String> sockets = new CopyOnWriteArrayList<>();
		page.onWebSocket((socket) -> sockets.add(socket.url()));

		page.navigate("http://localhost:" + this.port + "/?embedded=1&shop=" + shop + "&host=YWRtaW4&id_token="
				+ admin.idToken(shop));
		page.context().clearCookies(); // as the iframe's blocked cookies: from here on only tokens can work

		Locator ordersToday = page.locator("#dashboard [data-figure=orders] .figure-value");
		assertThat(ordersToday).isVisible();
		assertThat(page.locator("#sync-progress[data-state=COMPLETE]")).isVisible();
		assertThat(page.locator("#live-status")).hasText("Live");
		assertThat(sockets).isNotEmpty()
			.allSatisfy((url) -> assertThat(url).contains("/ws/stores/").contains("access_token="));
		assertThat(tokensHandedOut).as("a fresh token for each of the two requests").hasValueGreaterThanOrEqualTo(2);
		String before = ordersToday.textContent();
		page.evaluate("window.sameDocument = true");

		orders.placeOrder(shop, new Random(11));

		assertThat(ordersToday).not()
			.hasText(before, new LocatorAssertions.HasTextOptions().setTimeout(Duration.ofSeconds(10).toMillis()));
		assertThat(Integer.parseInt(ordersToday.textContent().replace(",", "")))
			.isEqualTo(Integer.parseInt(before.replace(",", "")) + 1);
		assertThat(page.evaluate("window.sameDocument")).as("updated without a reload").isEqualTo(true);

		assertThat(page.locator("#session-expired")).isHidden();

		// the settings page, opened by the admin as it opens the app: with a fresh session token in its URL
		page.navigate("http://localhost:" + this.port + "/settings?embedded=1&shop=" + shop + "&host=YWRtaW4&id_token="
				+ admin.idToken(shop));
		page.locator("#settings select[name=comparison]").selectOption("last_week");
		page.locator("#settings button[type=submit]").click();
		assertThat(page.locator("#settings .settings-saved")).hasText("Saved");
		page.locator("#alert-default-lowStockThreshold").fill("12");
		page.locator("#alert-defaults button[type=submit]").click();
		assertThat(page.locator("#alert-defaults .settings-saved")).containsText("Saved.");
		assertThat(page.locator("#session-expired")).isHidden();
		assertThat(page.context().cookies()).as("no session was made along the way").isEmpty();
	}

}
