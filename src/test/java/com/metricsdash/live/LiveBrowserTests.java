package com.metricsdash.live;

import java.util.List;
import java.util.UUID;

import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.testing.BrowserTest;
import com.metricsdash.testing.Merchant;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

@BrowserTest
class LiveBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	LivePush push;

	@Autowired
	Stores stores;

	@Test
	void theStorePageIsLiveAndSwapsInPushedFragmentsWithoutReloading(Page page) {
		SimulatorFixture simulator = new SimulatorFixture(this.context);
		Merchant merchant = new Merchant(this.port);
		String shop = simulator.newShop("live-page");
		merchant.install(shop);
		UUID storeId = this.stores.installed(ShopDomain.parse(shop).orElseThrow()).orElseThrow().id();
		String[] session = merchant.cookieHeader().split("=", 2);
		page.context()
			.addCookies(List.of(new Cookie(session[0], session[1]).setDomain("localhost").setPath("/").setHttpOnly(true)));

		page.navigate("http://localhost:" + this.port + "/");
		assertThat(page.locator("#live-status")).hasText("Live");
		assertThat(page.locator("#live-status")).hasAttribute("data-state", "live");
		// The install's own sync pushes its progress into the same element: push only once it has finished.
		assertThat(page.locator("#sync-progress")).hasAttribute("data-state", "COMPLETE");
		page.evaluate("window.sameDocument = true");

		this.push.publish(storeId, new LiveMessage(
				"<section id=\"sync-progress\" hx-swap-oob=\"true\">Syncing orders: 40 %</section>", null, null));

		assertThat(page.locator("#sync-progress")).hasText("Syncing orders: 40 %");
		assertThat(page.evaluate("window.sameDocument")).as("swapped in without a reload").isEqualTo(true);
	}

}
