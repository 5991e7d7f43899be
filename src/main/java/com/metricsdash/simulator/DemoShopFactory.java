package com.metricsdash.simulator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import com.metricsdash.simulator.SimModel.InventoryLevel;
import com.metricsdash.simulator.SimModel.LineItem;
import com.metricsdash.simulator.SimModel.Location;
import com.metricsdash.simulator.SimModel.Order;
import com.metricsdash.simulator.SimModel.Product;
import com.metricsdash.simulator.SimModel.Variant;

import org.springframework.stereotype.Component;

/**
 * Makes demo shops full of believable data: an apparel catalogue, stock at two locations (or more, for a test), and
 * an order history ending now with quiet nights, midday and evening peaks in the shop's own timezone and busier
 * weekends, plus a few cancelled, test and refunded orders, and about one in a hundred with 11 to 15 line items, more
 * than a client asking for the first 10 sees. Everything follows from the seed and the clock, so a test can rebuild the same
 * shop and know what the app should find in it.
 */
@Component
@ConditionalOnSimulator
class DemoShopFactory {

	static final String DEMO_DOMAIN = "demo-store.myshopify.com";

	/** Above 2^53, so that ids read as a JavaScript number or a {@code double} come out wrong. */
	static final long DEMO_FIRST_ID = 9_007_199_254_741_000L;

	private static final long DEMO_SEED = 20_260_401L;

	/** Relative order volume by local hour, midnight first. */
	private static final double[] HOURLY = { 0.3, 0.2, 0.15, 0.1, 0.1, 0.2, 0.4, 0.7, 1.0, 1.3, 1.5, 1.7, 1.9, 1.8,
			1.5, 1.4, 1.4, 1.5, 1.8, 2.1, 2.2, 1.9, 1.3, 0.7 };

	/** Relative order volume by local day of week, Monday first. */
	private static final double[] WEEKDAY = { 0.9, 0.9, 0.95, 1.0, 1.1, 1.3, 1.25 };

	private static final List<String> SIZES = List.of("S", "M", "L", "XL");

	private static final List<Item> ITEMS = List.of(new Item("Classic Tee", "T-Shirts", "TEE", "28.00", 3.0, SIZES),
			new Item("Long Sleeve Tee", "T-Shirts", "LST", "34.00", 1.5, SIZES),
			new Item("Pullover Hoodie", "Hoodies", "HOD", "68.00", 2.0, SIZES),
			new Item("Crewneck Sweatshirt", "Sweatshirts", "CRW", "58.00", 1.2, SIZES),
			new Item("Fleece Joggers", "Pants", "JOG", "62.00", 1.0, SIZES),
			new Item("Everyday Shorts", "Shorts", "SHO", "42.00", 0.8, SIZES),
			new Item("Crew Socks", "Socks", "SOK", "14.00", 1.8, List.of("S/M", "L/XL")),
			new Item("Canvas Tote", "Bags", "TOT", "22.00", 0.9, List.of("Small", "Large")),
			new Item("Dad Cap", "Hats", "CAP", "29.00", 1.1, List.of("Default Title")),
			new Item("Rib Beanie", "Hats", "BNE", "24.00", 0.7, List.of("Default Title")));

	private static final List<Colour> COLOURS = List.of(new Colour("Black", "BLK", 1.6),
			new Colour("Heather Grey", "GRY", 1.2), new Colour("Navy", "NVY", 1.0),
			new Colour("Forest Green", "FOR", 0.7), new Colour("Sand", "SND", 0.5));

	private final Clock clock;

	DemoShopFactory(Clock clock) {
		this.clock = clock;
	}

	/** {@code demo-store.myshopify.com}: New York time, USD, 60 days of about 165 orders a day. */
	SimShop createDemo() {
		return generate(DEMO_DOMAIN, "Demo Store", ZoneId.of("America/New_York"), DEMO_SEED, 60, 165, 2,
				DEMO_FIRST_ID);
	}

	/**
	 * A demo shop for a test: the demo catalogue and {@code days * ordersPerDay} orders over the last {@code days}
	 * days. Its ids lie above 2^53 in a range chosen by the seed, so shops of different seeds share no ids.
	 */
	SimShop create(String domain, ZoneId zone, long seed, int days, int ordersPerDay) {
		return create(domain, zone, seed, days, ordersPerDay, 2);
	}

	/**
	 * Like {@link #create(String, ZoneId, long, int, int)}, with every variant stocked at each of {@code locations}
	 * locations (a warehouse and stores), e.g. more than a client asking for the first 10 levels sees.
	 */
	SimShop create(String domain, ZoneId zone, long seed, int days, int ordersPerDay, int locations) {
		return generate(domain, domain.substring(0, domain.indexOf('.')), zone, seed, days, ordersPerDay, locations,
				DEMO_FIRST_ID + Math.floorMod(seed, 100_000) * 100_000_000L);
	}

	private SimShop generate(String domain, String name, ZoneId zone, long seed, int days, int ordersPerDay,
			int locations, long firstId) {
		Instant now = this.clock.instant();
		Random random = new Random(seed);
		SimShop shop = new SimShop(domain, name, zone, "USD", firstId);
		shop.demo(true);
		shop.put(new Location(shop.nextId(), "Warehouse"));
		shop.put(new Location(shop.nextId(), "Downtown store"));
		for (int store = 3; store <= locations; store++) {
			shop.put(new Location(shop.nextId(), "Store " + store));
		}
		Catalogue catalogue = catalogue(shop, random, now.minus(Duration.ofDays(days)), now);
		stock(shop, random, now);
		orders(shop, random, catalogue, orderTimes(random, zone, days, days * ordersPerDay, now), now);
		return shop;
	}

	private Catalogue catalogue(SimShop shop, Random random, Instant historyStart, Instant now) {
		List<Sellable> sellables = new ArrayList<>();
		for (Item item : ITEMS) {
			for (Colour colour : COLOURS) {
				Instant created = historyStart.minus(Duration.ofDays(30 + random.nextInt(370)));
				Instant updated = created.plusSeconds((long) (random.nextDouble() * (now.getEpochSecond()
						- created.getEpochSecond())));
				Product product = new Product(shop.nextId(), item.title() + " - " + colour.name(), "ACTIVE",
						"Northbound Apparel", item.productType(), created, updated);
				shop.put(product);
				for (String size : item.sizes()) {
					BigDecimal price = new BigDecimal(item.price());
					if (size.equals("XL")) {
						price = price.add(new BigDecimal("2.00"));
					}
					String sku = "NB-" + item.code() + "-" + colour.code()
							+ (item.sizes().size() > 1 ? "-" + size.replace("/", "") : "");
					Variant variant = new Variant(shop.nextId(), product.id(), size, sku, price, shop.nextId(), true,
							created, updated);
					shop.put(variant);
					double sizeWeight = (size.equals("M") || size.equals("L")) ? 1.5 : 1.0;
					sellables.add(new Sellable(product, variant,
							item.popularity() * colour.popularity() * sizeWeight * (0.6 + 0.8 * random.nextDouble())));
				}
			}
		}
		return new Catalogue(sellables);
	}

	/** Every variant at every location: mostly well stocked, a few low or sold out. */
	private void stock(SimShop shop, Random random, Instant now) {
		for (Variant variant : shop.variants()) {
			for (Location location : shop.locations()) {
				double draw = random.nextDouble();
				boolean warehouse = location.name().equals("Warehouse");
				int available = (draw < 0.04) ? 0
						: (draw < 0.12) ? 1 + random.nextInt(4)
								: warehouse ? 20 + random.nextInt(130) : 3 + random.nextInt(28);
				int committed = random.nextInt(3);
				shop.put(new InventoryLevel(variant.inventoryItemId(), location.id(), available, available + committed,
						committed, now.minusSeconds(random.nextInt(72 * 3600))));
			}
		}
	}

	/** {@code count} order times over the last {@code days} days, drawn by the hourly and weekday weights, sorted. */
	private long[] orderTimes(Random random, ZoneId zone, int days, int count, Instant now) {
		double maxWeight = Arrays.stream(HOURLY).max().orElseThrow() * Arrays.stream(WEEKDAY).max().orElseThrow();
		long end = now.getEpochSecond();
		long span = days * 86_400L;
		long[] times = new long[count];
		for (int i = 0; i < count; i++) {
			long time;
			double weight;
			do {
				time = end - 1 - (long) (random.nextDouble() * span);
				ZonedDateTime local = Instant.ofEpochSecond(time).atZone(zone);
				weight = HOURLY[local.getHour()] * WEEKDAY[local.getDayOfWeek().ordinal()];
			}
			while (random.nextDouble() * maxWeight >= weight);
			times[i] = time;
		}
		Arrays.sort(times);
		return times;
	}

	/**
	 * Orders at the given times, with ids and names rising with time: ~2 % cancelled, ~1 % test, ~3 % refunded; ~1 %
	 * have 11 to 15 line items.
	 */
	private void orders(SimShop shop, Random random, Catalogue catalogue, long[] times, Instant now) {
		String name = null;
		for (long time : times) {
			Instant at = Instant.ofEpochSecond(time);
			long id = shop.nextId();
			name = SimOrders.nextName(name);
			double fate = random.nextDouble();
			Order order = SimOrders.order(id, name, at, fate < 0.01, shop.currency(),
					lineItems(shop, random, catalogue));
			if (fate >= 0.01 && fate < 0.03) {
				order = SimOrders.cancel(order, later(at, Duration.ofMinutes(5 + random.nextInt(48 * 60)), now));
			}
			else if (fate >= 0.03 && fate < 0.06) {
				order = SimOrders.refund(order, shop.nextId(),
						later(at, Duration.ofHours(24 + random.nextInt(9 * 24)), now));
			}
			shop.put(order);
		}
	}

	private List<LineItem> lineItems(SimShop shop, Random random, Catalogue catalogue) {
		double draw = random.nextDouble();
		int count = (draw < 0.55) ? 1 : (draw < 0.83) ? 2 : (draw < 0.95) ? 3 : (draw < 0.99) ? 4
				: 11 + random.nextInt(5);
		List<Sellable> chosen = new ArrayList<>(count);
		while (chosen.size() < count) {
			Sellable sellable = catalogue.pick(random);
			if (!chosen.contains(sellable)) {
				chosen.add(sellable);
			}
		}
		List<LineItem> lines = new ArrayList<>(count);
		for (Sellable sellable : chosen) {
			double quantity = random.nextDouble();
			lines.add(SimOrders.lineItem(shop.nextId(), sellable.product(), sellable.variant(),
					(quantity < 0.8) ? 1 : (quantity < 0.95) ? 2 : 3));
		}
		return lines;
	}

	private static Instant later(Instant at, Duration after, Instant now) {
		Instant later = at.plus(after);
		return later.isAfter(now) ? now : later;
	}

	private record Item(String title, String productType, String code, String price, double popularity,
			List<String> sizes) {
	}

	private record Colour(String name, String code, double popularity) {
	}

	private record Sellable(Product product, Variant variant, double weight) {
	}

	/** The variants for sale, drawn in proportion to their popularity. */
	private static final class Catalogue {

		private final List<Sellable> sellables;

		private final double[] cumulative;

		Catalogue(List<Sellable> sellables) {
			this.sellables = sellables;
			this.cumulative = new double[sellables.size()];
			double sum = 0;
			for (int i = 0; i < sellables.size(); i++) {
				sum += sellables.get(i).weight();
				this.cumulative[i] = sum;
			}
		}

		Sellable pick(Random random) {
			int index = Arrays.binarySearch(this.cumulative, random.nextDouble() * this.cumulative[this.cumulative.length - 1]);
			return this.sellables.get((index >= 0) ? index : -index - 1);
		}

	}

}
