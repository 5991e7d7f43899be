package com.metricsdash.simulator;

import java.nio.file.Path;
import java.time.ZoneId;

import com.metricsdash.testing.BrowserTest;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

@BrowserTest
class SimulatorPageBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	SimulatedShops shops;

	@Autowired
	DemoShopFactory factory;

	@Test
	void aPersonPlacesAnOrderAndChangesStockOnTheSimulatorPage(Page page) {
		SimShop shop = this.shops.add(this.factory.create("browser-" + System.nanoTime() + ".myshopify.com",
				ZoneId.of("Europe/London"), 23, 2, 10));
		SimModel.Variant variant = shop.variants().get(0);
		SimModel.Location store = shop.locations().get(1);

		page.navigate("http://localhost:" + this.port + "/simulator");
		assertThat(page).hasTitle("Shopify simulator · MetricsDash (local)");
		Locator section = page.locator("[id='shop-" + shop.domain() + "']");
		Locator placeOrder = section.locator("form").filter(new Locator.FilterOptions().setHasText("Place an order"));
		placeOrder.locator("select[name=variantId]").selectOption(String.valueOf(variant.id()));
		placeOrder.locator("input[name=quantity]").fill("3");
		String next = SimOrders.nextName(shop.latestOrder().orElseThrow().name());
		placeOrder.locator("button").click();

		assertThat(page.locator(".notice")).containsText("Placed order " + next);
		assertThat(shop.latestOrder().orElseThrow().lineItems().get(0).quantity()).isEqualTo(3);
		int stock = shop.level(variant.inventoryItemId(), store.id()).orElseThrow().available();

		Locator changeStock = section.locator("form").filter(new Locator.FilterOptions().setHasText("Change stock"));
		changeStock.locator("select[name=variantId]").selectOption(String.valueOf(variant.id()));
		changeStock.locator("select[name=locationId]").selectOption(new SelectOption().setLabel("Downtown store"));
		changeStock.locator("input[name=delta]").fill("-2");
		changeStock.locator("button").click();

		assertThat(page.locator(".notice")).containsText("Stock changed by -2");
		assertThat(shop.level(variant.inventoryItemId(), store.id()).orElseThrow().available())
			.isEqualTo(stock - 2);
		page.screenshot(
				new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/simulator.png")).setFullPage(true));
	}

}
