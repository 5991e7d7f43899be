package com.metricsdash.simulator;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import com.metricsdash.simulator.SimModel.LineItem;
import com.metricsdash.simulator.SimModel.Location;
import com.metricsdash.simulator.SimModel.Order;
import com.metricsdash.simulator.SimModel.Refund;
import com.metricsdash.simulator.SimShop.DailyTotal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DemoShopFactoryTests {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private final DemoShopFactory factory = new DemoShopFactory(TestSimulator.CLOCK);

	private final SimShop demo = this.factory.createDemo();

	@Test
	void demoStoreHasItsCatalogueAndStockAtTwoLocations() {
		assertThat(this.demo.domain()).isEqualTo("demo-store.myshopify.com");
		assertThat(this.demo.name()).isEqualTo("Demo Store");
		assertThat(this.demo.timezone()).isEqualTo(NEW_YORK);
		assertThat(this.demo.currency()).isEqualTo("USD");
		assertThat(this.demo.locations()).extracting(Location::name).containsExactly("Warehouse", "Downtown store");
		assertThat(this.demo.products()).hasSize(50);
		assertThat(this.demo.variants()).hasSize(150);
		assertThat(this.demo.variants()).extracting(SimModel.Variant::sku).doesNotHaveDuplicates();
		assertThat(this.demo.levels()).hasSize(300);
		assertThat(this.demo.levels()).filteredOn((level) -> level.available() == 0).isNotEmpty();
		assertThat(this.demo.levels()).filteredOn((level) -> level.available() > 0 && level.available() < 5)
			.isNotEmpty();
		assertThat(this.demo.levels()).allSatisfy((level) -> assertThat(level.onHand())
			.isEqualTo(level.available() + level.committed()));
	}

	@Test
	void demoStoreHasSixtyDaysOfAbout165OrdersADayEndingNow() {
		List<Order> orders = this.demo.orders();
		assertThat(orders).hasSizeBetween(9_500, 10_500);
		assertThat(orders).allSatisfy((order) -> assertThat(order.processedAt())
			.isBetween(TestSimulator.NOW.minus(Duration.ofDays(60)), TestSimulator.NOW));
		assertThat(orders.get(orders.size() - 1).processedAt()).isAfter(TestSimulator.NOW.minus(Duration.ofHours(1)));
		assertThat(orders.get(0).name()).isEqualTo("#1001");
		assertThat(orders.get(orders.size() - 1).name()).isEqualTo("#" + (1000 + orders.size()));
		assertThat(orders).isSortedAccordingTo((a, b) -> a.processedAt().compareTo(b.processedAt()));
		assertThat(orders).allSatisfy((order) -> assertThat(order.lineItems().size()).satisfiesAnyOf(
				(lines) -> assertThat(lines).isBetween(1, 4), (lines) -> assertThat(lines).isBetween(11, 15)));
		assertThat(share(orders, (order) -> order.lineItems().size() > 10)).isCloseTo(0.01, within(0.004));
		assertThat(share(orders, (order) -> order.cancelledAt() != null)).isCloseTo(0.02, within(0.007));
		assertThat(share(orders, Order::test)).isCloseTo(0.01, within(0.005));
		assertThat(share(orders, (order) -> !order.refunds().isEmpty())).isCloseTo(0.03, within(0.01));
	}

	@Test
	void everyIdIsAboveTwoToThe53SoOnlyALongHoldsIt() {
		Stream<Long> ids = Stream.of(this.demo.locations().stream().map(Location::id),
				this.demo.products().stream().map(SimModel.Product::id),
				this.demo.variants().stream().flatMap((variant) -> Stream.of(variant.id(), variant.inventoryItemId())),
				this.demo.orders().stream().map(Order::id),
				this.demo.orders().stream().flatMap((order) -> order.lineItems().stream()).map(LineItem::id),
				this.demo.orders().stream().flatMap((order) -> order.refunds().stream()).map(Refund::id))
			.flatMap(Function.identity());
		assertThat(ids.toList()).allSatisfy((id) -> assertThat(id).isGreaterThan(1L << 53)).doesNotHaveDuplicates();
	}

	@Test
	void orderTotalsAreTheSumOfTheirLineItems() {
		assertThat(this.demo.orders()).allSatisfy((order) -> {
			BigDecimal sum = order.lineItems()
				.stream()
				.map((line) -> line.price().multiply(BigDecimal.valueOf(line.quantity())))
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			assertThat(order.totalPrice()).isEqualByComparingTo(sum);
			assertThat(order.totalPrice().scale()).isEqualTo(2);
			boolean undone = order.cancelledAt() != null || !order.refunds().isEmpty();
			assertThat(order.currentTotalPrice()).isEqualByComparingTo(undone ? BigDecimal.ZERO : order.totalPrice());
		});
	}

	@Test
	void aShopForATestCanHaveTwelveLocationsWithEveryVariantStockedAtEach() {
		SimShop shop = this.factory.create("chain.myshopify.com", NEW_YORK, 12, 1, 10, 12);

		assertThat(shop.locations()).hasSize(12).extracting(Location::name).startsWith("Warehouse", "Downtown store")
			.doesNotHaveDuplicates();
		assertThat(shop.variants()).allSatisfy((variant) -> assertThat(shop.levels())
			.filteredOn((level) -> level.inventoryItemId() == variant.inventoryItemId())
			.hasSize(12));
	}

	@Test
	void theSameSeedAndClockMakeTheSameShopAndAnotherSeedAnotherOne() {
		SimShop again = this.factory.createDemo();
		assertThat(again.products()).isEqualTo(this.demo.products());
		assertThat(again.levels()).isEqualTo(this.demo.levels());
		assertThat(again.orders()).isEqualTo(this.demo.orders());

		SimShop one = this.factory.create("one.myshopify.com", NEW_YORK, 7, 3, 20);
		SimShop same = this.factory.create("one.myshopify.com", NEW_YORK, 7, 3, 20);
		SimShop other = this.factory.create("one.myshopify.com", NEW_YORK, 8, 3, 20);
		assertThat(same.orders()).isEqualTo(one.orders());
		assertThat(other.orders()).isNotEqualTo(one.orders());
		assertThat(other.orders().get(0).id()).isNotEqualTo(one.orders().get(0).id());
	}

	@Test
	void nightsAreQuieterThanMiddayInTheShopsOwnTimezone() {
		// Tokyo is 14 hours ahead of New York: a generator that ignored the shop's timezone would fail here.
		ZoneId tokyo = ZoneId.of("Asia/Tokyo");
		SimShop shop = this.factory.create("tokyo.myshopify.com", tokyo, 3, 30, 100);
		Map<Integer, Long> byHour = shop.orders()
			.stream()
			.collect(Collectors.groupingBy((order) -> order.processedAt().atZone(tokyo).getHour(),
					Collectors.counting()));
		long night = LongStream.rangeClosed(2, 5).map((hour) -> byHour.getOrDefault((int) hour, 0L)).sum();
		long midday = LongStream.rangeClosed(11, 14).map((hour) -> byHour.getOrDefault((int) hour, 0L)).sum();
		assertThat(night * 5).isLessThan(midday);
	}

	@Test
	void weekendsAreBusierThanWeekdays() {
		Map<LocalDate, Long> byDay = this.demo.orders()
			.stream()
			.collect(Collectors.groupingBy((order) -> LocalDate.ofInstant(order.processedAt(), NEW_YORK),
					Collectors.counting()));
		// whole days only: the first and the last are cut by the 60-day window
		List<LocalDate> whole = byDay.keySet().stream().sorted().skip(1).limit(byDay.size() - 2).toList();
		double weekend = average(whole, byDay, true);
		double weekday = average(whole, byDay, false);
		assertThat(weekend).isGreaterThan(weekday * 1.15);
	}

	@Test
	void generatingTheDemoStoreTakesLessThanTwoSeconds() {
		long started = System.nanoTime();
		SimShop shop = this.factory.createDemo();
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(shop.orders()).isNotEmpty();
		assertThat(took).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void dailyTotalsCountOrdersThatCountByTheirLocalDay() {
		SimShop shop = new SimShop("tiny.myshopify.com", "Tiny", NEW_YORK, "USD", 100);
		// 23:30 in New York on the 24th is already the 25th in UTC
		Instant lateOn24th = ZonedDateTime.of(2026, 11, 24, 23, 30, 0, 0, NEW_YORK).toInstant();
		Instant earlyOn25th = ZonedDateTime.of(2026, 11, 25, 0, 15, 0, 0, NEW_YORK).toInstant();
		shop.put(order(1, lateOn24th, "10.00", false));
		shop.put(SimOrders.refund(order(2, lateOn24th, "20.50", false), 50, earlyOn25th));
		shop.put(order(3, earlyOn25th, "5.25", false));
		shop.put(order(4, earlyOn25th, "99.00", true));
		shop.put(SimOrders.cancel(order(5, earlyOn25th, "42.00", false), earlyOn25th));

		assertThat(shop.dailyTotals()).containsExactly(
				Map.entry(LocalDate.of(2026, 11, 24),
						new DailyTotal(2, new BigDecimal("30.50"), new BigDecimal("10.00"))),
				Map.entry(LocalDate.of(2026, 11, 25), new DailyTotal(1, new BigDecimal("5.25"), new BigDecimal("5.25"))));
	}

	@Test
	void dailyTotalsOfAGeneratedShopAddUpToItsCountingOrders() {
		SimShop shop = this.factory.create("small.myshopify.com", NEW_YORK, 11, 5, 40);
		List<Order> counting = shop.orders().stream().filter(Order::counts).toList();
		assertThat(shop.dailyTotals().values().stream().mapToLong(DailyTotal::orders).sum())
			.isEqualTo(counting.size());
		assertThat(shop.dailyTotals().values().stream().map(DailyTotal::grossSales).reduce(BigDecimal.ZERO,
				BigDecimal::add))
			.isEqualByComparingTo(counting.stream().map(Order::totalPrice).reduce(BigDecimal.ZERO, BigDecimal::add));
	}

	private static Order order(long id, Instant at, String price, boolean test) {
		SimModel.Product product = new SimModel.Product(1, "Tee", "ACTIVE", "V", "T-Shirts", at, at);
		SimModel.Variant variant = new SimModel.Variant(2, 1, "M", "TEE-M", new BigDecimal(price), 3, true, at, at);
		return SimOrders.order(id, "#" + (1000 + id), at, test, "USD",
				List.of(SimOrders.lineItem(id * 10, product, variant, 1)));
	}

	private static double share(List<Order> orders, Predicate<Order> which) {
		return (double) orders.stream().filter(which).count() / orders.size();
	}

	private static double average(List<LocalDate> days, Map<LocalDate, Long> byDay, boolean weekend) {
		return days.stream()
			.filter((day) -> (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) == weekend)
			.mapToLong(byDay::get)
			.average()
			.orElseThrow();
	}

}
