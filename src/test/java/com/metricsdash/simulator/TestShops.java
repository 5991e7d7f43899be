package com.metricsdash.simulator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import com.metricsdash.simulator.SimModel.InventoryLevel;
import com.metricsdash.simulator.SimModel.LineItem;
import com.metricsdash.simulator.SimModel.Location;
import com.metricsdash.simulator.SimModel.Order;
import com.metricsdash.simulator.SimModel.Product;
import com.metricsdash.simulator.SimModel.Refund;
import com.metricsdash.simulator.SimModel.Variant;

/**
 * Object mother for simulated shops in tests: a fresh shop per test, with ids above 2^53 so that any loss of
 * precision shows, two locations, two products of two variants each with stock at both locations, and orders made on
 * request.
 */
final class TestShops {

	/** Above 2^53: a double cannot hold these ids exactly. */
	static final long FIRST_ID = 9_007_199_254_740_993L;

	private final SimulatedShops shops;

	private final Clock clock;

	TestShops(SimulatedShops shops, Clock clock) {
		this.shops = shops;
		this.clock = clock;
	}

	SimShop create() {
		String domain = "gql-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		SimShop shop = this.shops.add(new SimShop(domain, "Test " + domain, ZoneId.of("America/New_York"), "USD",
				FIRST_ID));
		Instant created = now().minus(Duration.ofDays(90));
		List<Location> locations = List.of(new Location(shop.nextId(), "Warehouse"),
				new Location(shop.nextId(), "Shop floor"));
		locations.forEach(shop::put);
		for (int p = 1; p <= 2; p++) {
			Product product = new Product(shop.nextId(), "Product " + p, "active", "Vendor", "Type", created, created);
			shop.put(product);
			for (int v = 1; v <= 2; v++) {
				Variant variant = new Variant(shop.nextId(), product.id(), "Size " + v, "SKU-" + p + "-" + v,
						new BigDecimal("19.90"), shop.nextId(), true, created, created);
				shop.put(variant);
				for (Location location : locations) {
					shop.put(new InventoryLevel(variant.inventoryItemId(), location.id(), 10 * p + v, 10 * p + v + 2,
							2, created));
				}
			}
		}
		return shop;
	}

	String token(SimShop shop) {
		return shop.issueAccessToken(now().plusSeconds(3600));
	}

	/** An order of two lines of the shop's first variant, created and updated when given, with one refund. */
	Order order(SimShop shop, Instant createdAt, Instant updatedAt) {
		Variant variant = shop.variants().get(0);
		List<LineItem> lines = List.of(
				new LineItem(shop.nextId(), variant.productId(), variant.id(), variant.sku(), "Line", 2, 2,
						variant.price()),
				new LineItem(shop.nextId(), variant.productId(), variant.id(), variant.sku(), "Line", 1, 1,
						variant.price()));
		long id = shop.nextId();
		Order order = new Order(id, "#" + id, createdAt, createdAt, updatedAt, null,
				false, "USD", new BigDecimal("59.70"), new BigDecimal("59.70"), "paid", lines,
				List.of(new Refund(shop.nextId(), updatedAt, new BigDecimal("1.50"))));
		shop.put(order);
		return order;
	}

	/** {@code count} orders, one a minute until an hour ago, each updated a minute after its creation. */
	List<Order> orders(SimShop shop, int count) {
		Instant first = now().minus(Duration.ofHours(1)).minus(Duration.ofMinutes(count));
		return IntStream.range(0, count).mapToObj((i) -> {
			Instant created = first.plus(Duration.ofMinutes(i));
			return order(shop, created, created.plus(Duration.ofMinutes(1)));
		}).toList();
	}

	Instant now() {
		return this.clock.instant();
	}

}
