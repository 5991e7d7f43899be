package com.metricsdash.alerts;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.metricsdash.simulator.SimulatorCatalog;
import com.metricsdash.testing.BrowserTest;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.Merchant;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static com.metricsdash.testing.Keyboard.focused;
import static com.metricsdash.testing.Keyboard.tabTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@BrowserTest
class AlertsBrowserTests {

	private static final LocatorAssertions.HasAttributeOptions LIVE = new LocatorAssertions.HasAttributeOptions()
		.setTimeout(Duration.ofSeconds(10).toMillis());

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	AlertRepository alerts;

	@Test
	void stockDroppedAtTheShopShowsOnTheOpenPageAndTheAlertIsAcknowledgedFromTheKeyboard(Page page) {
		SimulatorCatalog catalog = new SimulatorCatalog(this.context);
		Merchant merchant = new Merchant(this.port);
		String shop = catalog.demoShop("alerts-browser");
		UUID storeId = Installs.installAndSync(this.context, merchant, shop);
		// a new alert, so that the unread count grows
		long variant = catalog.wellStockedVariant(shop);
		page.setViewportSize(390, 844);
		page.addInitScript("document.addEventListener('htmx:wsOpen', () => window.socketOpen = true)");
		openAlertsPage(page, merchant);
		Locator bell = page.locator("#alerts-bell");
		assertThat(bell).hasAttribute("data-unread", String.valueOf(this.alerts.unread(storeId).count()));
		// polled from here: waitForFunction polls inside the page through eval, which the page's CSP refuses whenever
		// the socket is not open at the first look
		await().pollInSameThread()
			.atMost(Duration.ofSeconds(10))
			.until(() -> Boolean.TRUE.equals(page.evaluate("window.socketOpen === true")));
		int before = this.alerts.unread(storeId).count();
		page.evaluate("window.sameDocument = true");

		catalog.setStock(shop, variant, 0);
		Alert alert = await().atMost(Duration.ofSeconds(5))
			.until(() -> lowStock(this.alerts.list(storeId, null, AlertType.LOW_STOCK), variant), (found) -> found != null);

		Locator row = page.locator("#alert-" + alert.id());
		assertThat(row).hasAttribute("data-status", "active", LIVE);
		assertThat(row.locator(".alert-reason")).hasText("0 units available, below the threshold of 10.");
		int unread = this.alerts.unread(storeId).count();
		assertThat(unread).isGreaterThan(before);
		assertThat(bell).hasAttribute("data-unread", String.valueOf(unread), LIVE);
		assertThat(page.getByRole(AriaRole.LINK,
				new Page.GetByRoleOptions().setName(unread + " unread alerts"))).isVisible();
		assertThat(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
			.as("no sideways scrolling at 390 px").isEqualTo(true);
		page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/alerts.png")));

		// The answer to acknowledging is held back, so that the push it causes arrives first: the refresh of the list
		// that push asks for must wait for the acknowledged row, or it swaps the list under the row being answered.
		page.route("**/alerts/*/acknowledge", (route) -> {
			APIResponse answer = route.fetch();
			sleep(Duration.ofMillis(500));
			route.fulfill(new Route.FulfillOptions().setResponse(answer));
		});
		String acknowledge = "#alert-" + alert.id() + "-acknowledge";
		tabTo(page, acknowledge);
		page.keyboard().press("Enter");

		assertThat(row).hasAttribute("data-status", "acknowledged", LIVE);
		assertThat(bell).hasAttribute("data-unread", String.valueOf(unread - 1), LIVE);
		assertThat(page.locator("#alert-" + alert.id() + "-status")).isFocused();
		assertThat(focused(page, acknowledge)).isFalse();
		assertThat(this.alerts.find(storeId, alert.id()).orElseThrow().status()).isEqualTo("acknowledged");
		assertThat(page.evaluate("window.sameDocument")).as("all without a reload").isEqualTo(true);
	}

	@Test
	void withoutItsSocketThePagePollsAndANewAlertStillShows(Page page) {
		SimulatorCatalog catalog = new SimulatorCatalog(this.context);
		Merchant merchant = new Merchant(this.port);
		String shop = catalog.demoShop("alerts-polling");
		UUID storeId = Installs.installAndSync(this.context, merchant, shop);
		long variant = catalog.variantIds(shop).get(3);
		// what a page sees of a socket it cannot open: an abnormal closure (1006), never an open socket
		page.routeWebSocket(Pattern.compile(".*/ws/stores/.*"),
				(socket) -> socket.close(new WebSocketRoute.CloseOptions().setCode(1006).setReason("unreachable")));
		openAlertsPage(page, merchant);
		assertThat(page.locator("body")).hasAttribute("data-polling", "", new LocatorAssertions.HasAttributeOptions()
			.setTimeout(Duration.ofSeconds(15).toMillis()));
		page.evaluate("window.sameDocument = true");

		catalog.setStock(shop, variant, 0);
		Alert alert = await().atMost(Duration.ofSeconds(5))
			.until(() -> lowStock(this.alerts.list(storeId, null, AlertType.LOW_STOCK), variant), (found) -> found != null);

		assertThat(page.locator("#alert-" + alert.id())).hasAttribute("data-status", "active", LIVE);
		assertThat(page.locator("#alerts-bell")).hasAttribute("data-unread", String.valueOf(this.alerts.unread(storeId).count()),
				LIVE);
		assertThat(page.evaluate("window.sameDocument")).as("without a reload").isEqualTo(true);
	}

	private void openAlertsPage(Page page, Merchant merchant) {
		String[] session = merchant.cookieHeader().split("=", 2);
		page.context()
			.addCookies(List.of(new Cookie(session[0], session[1]).setDomain("localhost").setPath("/").setHttpOnly(true)));
		page.navigate("http://localhost:" + this.port + "/alerts");
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Alert lowStock(List<Alert> alerts, long variant) {
		return alerts.stream().filter((alert) -> alert.variantId() == variant).findFirst().orElse(null);
	}

}
