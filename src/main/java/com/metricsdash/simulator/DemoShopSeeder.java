package com.metricsdash.simulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Makes sure {@code demo-store.myshopify.com} exists when the app starts taking requests, unless turned off with
 * {@code metricsdash.simulator.demo-shop=false}. Runs after every bean is set up, so after {@link SimStateFile} has
 * restored the shops of earlier runs: a restored demo store is kept as it is.
 */
@Component
@ConditionalOnSimulator
class DemoShopSeeder implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(DemoShopSeeder.class);

	private final SimulatedShops shops;

	private final DemoShopFactory factory;

	private final SimulatorProperties properties;

	DemoShopSeeder(SimulatedShops shops, DemoShopFactory factory, SimulatorProperties properties) {
		this.shops = shops;
		this.factory = factory;
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.properties.demoShop() && this.shops.find(DemoShopFactory.DEMO_DOMAIN).isEmpty()) {
			long started = System.nanoTime();
			SimShop demo = this.shops.add(this.factory.createDemo());
			logger.info("Simulator: generated {} with {} products and {} orders in {} ms", demo.domain(),
					demo.products().size(), demo.orders().size(), (System.nanoTime() - started) / 1_000_000);
		}
	}

}
