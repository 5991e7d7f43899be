package com.metricsdash.dashboard;

import java.nio.file.Paths;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.BrowserTest;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.Merchant;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.Cookie;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

@BrowserTest
class DashboardBrowserTests {

	private static final Logger logger = LoggerFactory.getLogger(DashboardBrowserTests.class);

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void anOrderPlacedInTheShopChangesTheOpenDashboardWithoutAReload(Page page) {
		SimulatorOrders simulator = new SimulatorOrders(this.context);
		Merchant merchant = new Merchant(this.port);
		String shop = simulator.newShop("dashboard-page", ZoneId.of("America/New_York"), 3, 20);
		Installs.installAndSync(this.context, merchant, shop);
		String[] session = merchant.cookieHeader().split("=", 2);
		page.context()
			.addCookies(List.of(new Cookie(session[0], session[1]).setDomain("localhost").setPath("/").setHttpOnly(true)));

		page.navigate("http://localhost:" + this.port + "/");
		assertThat(page.locator("#live-status")).hasAttribute("data-state", "live");
		Locator orders = page.locator("#dashboard [data-figure=orders] .figure-value");
		assertThat(orders).isVisible();
		assertThat(page.locator("#dashboard svg[role=img]")).hasAttribute("aria-label",
				java.util.regex.Pattern.compile("Cumulative revenue by hour: .+ today"));
		assertThat(page.locator("#live-updated")).containsText("updated");
		String before = orders.textContent();
		page.evaluate("window.sameDocument = true");

		long placed = System.nanoTime();
		simulator.placeOrder(shop, new Random(7));
		assertThat(orders).not()
			.hasText(before, new LocatorAssertions.HasTextOptions().setTimeout(Duration.ofSeconds(10).toMillis()));
		logger.info("The Orders card went from {} to {} {} ms after the order was placed", before, orders.textContent(),
				Duration.ofNanos(System.nanoTime() - placed).toMillis());

		assertThat(Integer.parseInt(orders.textContent().replace(",", "")))
			.isEqualTo(Integer.parseInt(before.replace(",", "")) + 1);
		assertThat(page.evaluate("window.sameDocument")).as("updated without a reload").isEqualTo(true);
		assertThat(page.locator("#dashboard")).not().hasAttribute("data-stale", "");
		page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/dashboard.png")).setFullPage(true));
	}

}
