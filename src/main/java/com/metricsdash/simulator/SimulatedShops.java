package com.metricsdash.simulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** Every shop the simulator knows, by its myshopify domain. */
@Component
@ConditionalOnSimulator
class SimulatedShops {

	private final Map<String, SimShop> shops = new ConcurrentHashMap<>();

	Optional<SimShop> find(String domain) {
		return Optional.ofNullable(this.shops.get(domain));
	}

	/** Adds a shop, refusing a domain that is taken. */
	SimShop add(SimShop shop) {
		if (this.shops.putIfAbsent(shop.domain(), shop) != null) {
			throw new IllegalArgumentException("A simulated shop " + shop.domain() + " exists already");
		}
		return shop;
	}

	List<SimShop> all() {
		return List.copyOf(this.shops.values());
	}

}
