package com.metricsdash.simulator;

import java.util.List;
import java.util.Random;

import com.metricsdash.simulator.SimModel.Location;
import com.metricsdash.simulator.SimModel.Variant;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps installed demo shops alive: every second it places a Poisson-distributed number of orders averaging
 * {@code metricsdash.simulator.live-orders-per-minute}, and now and then restocks a variant or writes off a unit, so
 * the dashboard has something to show and inventory keeps moving.
 */
@Component
@ConditionalOnSimulator
class LiveOrders {

	/** One stock movement for this many orders, on average. */
	private static final int ORDERS_PER_STOCK_MOVE = 10;

	private final SimulatedShops shops;

	private final SimStoreActions actions;

	private final double ordersPerSecond;

	private final Random random = new Random();

	LiveOrders(SimulatedShops shops, SimStoreActions actions, SimulatorProperties properties) {
		this.shops = shops;
		this.actions = actions;
		this.ordersPerSecond = properties.liveOrdersPerMinute() / 60;
	}

	@Scheduled(fixedRate = 1000, initialDelay = 1000)
	void tick() {
		if (this.ordersPerSecond <= 0) {
			return;
		}
		for (SimShop shop : this.shops.all()) {
			if (shop.demo() && shop.installed()) {
				for (int i = poisson(this.ordersPerSecond); i > 0; i--) {
					this.actions.placeRandomOrder(shop, this.random);
				}
				if (this.random.nextDouble() < this.ordersPerSecond / ORDERS_PER_STOCK_MOVE) {
					moveStock(shop);
				}
			}
		}
	}

	/** A restock of 5 to 24 units, or (one time in three) a unit written off as damaged. */
	private void moveStock(SimShop shop) {
		List<Variant> variants = shop.variants();
		List<Location> locations = shop.locations();
		if (variants.isEmpty() || locations.isEmpty()) {
			return;
		}
		int delta = (this.random.nextInt(3) == 0) ? -1 : 5 + this.random.nextInt(20);
		this.actions.adjustInventory(shop, variants.get(this.random.nextInt(variants.size())).id(),
				locations.get(this.random.nextInt(locations.size())).id(), delta);
	}

	/** Knuth's method; fine for the small means of a one-second tick. */
	private int poisson(double mean) {
		double limit = Math.exp(-mean);
		double product = this.random.nextDouble();
		int count = 0;
		while (product > limit) {
			count++;
			product *= this.random.nextDouble();
		}
		return count;
	}

}
