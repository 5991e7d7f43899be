package com.metricsdash.simulator;

import java.time.ZoneId;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LiveOrdersTests {

	private final SimWebhooks webhooks = TestSimulator.webhooks();

	private final SimStoreActions actions = new SimStoreActions(this.webhooks, TestSimulator.CLOCK);

	private final DemoShopFactory factory = new DemoShopFactory(TestSimulator.CLOCK);

	private final SimulatedShops shops = new SimulatedShops();

	@AfterEach
	void stop() {
		this.webhooks.destroy();
	}

	@Test
	void ordersArePlacedAtTheConfiguredRateInInstalledDemoShopsOnly() {
		SimShop installed = this.shops.add(demoShop("live-installed", true));
		SimShop uninstalled = this.shops.add(demoShop("live-uninstalled", false));
		SimShop plain = this.shops.add(new SimShop("plain.myshopify.com", "Plain", ZoneId.of("UTC"), "USD", 1));
		plain.installed(true);
		int before = installed.orders().size();
		LiveOrders live = new LiveOrders(this.shops, this.actions, TestSimulator.properties(null, 600));

		for (int second = 0; second < 60; second++) {
			live.tick();
		}

		// 600 a minute is 10 a second: 600 expected over 60 ticks, a Poisson count within about 5 standard deviations
		assertThat(installed.orders().size() - before).isBetween(480, 720);
		assertThat(uninstalled.orders()).hasSize(20);
		assertThat(plain.orders()).isEmpty();
	}

	@Test
	void aRateOfZeroPlacesNothing() {
		SimShop installed = this.shops.add(demoShop("live-off", true));
		LiveOrders live = new LiveOrders(this.shops, this.actions, TestSimulator.properties(null, 0));

		live.tick();

		assertThat(installed.orders()).hasSize(20);
	}

	private SimShop demoShop(String name, boolean installed) {
		SimShop shop = this.factory.create(name + ".myshopify.com", ZoneId.of("UTC"), 1, 1, 20);
		shop.installed(installed);
		return shop;
	}

}
