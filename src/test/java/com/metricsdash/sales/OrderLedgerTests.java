package com.metricsdash.sales;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;

import com.metricsdash.shop.StoreRef;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's rules, with hand-computed rollups: every store its own, every expectation worked out by hand. */
@IntegrationTest
@RecordApplicationEvents
class OrderLedgerTests {

	private static final Instant NOON = Instant.parse("2026-06-15T12:00:00Z");

	@Autowired
	OrderLedger ledger;

	@Autowired
	SalesTotals totals;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	@Test
	void aNewerVersionReplacesTheOrderAndItsLineItemsAndMovesItsSales() {
		StoreRef store = store("UTC");
		OrderSnapshot placed = order(1, NOON, NOON, "10.00");
		OrderSnapshot moved = new OrderSnapshot(1, "#1", NOON.plusSeconds(86_400), NOON, NOON.plusSeconds(60), null,
				false, "USD", new BigDecimal("25.50"), new BigDecimal("25.50"), "PAID",
				List.of(new LineItemSnapshot(77, 5L, 8L, "SKU-B", 3, 3, new BigDecimal("8.50"))));

		assertThat(this.ledger.apply(store, placed)).isTrue();
		assertThat(this.ledger.apply(store, moved)).isTrue();

		assertThat(this.events.stream(SalesChanged.class)).as("the variant sold before and the one sold now")
			.containsExactly(new SalesChanged(store.id(), Set.of(6L)), new SalesChanged(store.id(), Set.of(6L, 8L)));

		assertThat(this.totals.daily(store.id(), LocalDate.of(2026, 6, 15), LocalDate.of(2026, 6, 16)))
			.containsEntry(LocalDate.of(2026, 6, 15), new DayTotal(0, new BigDecimal("0.0000")))
			.containsEntry(LocalDate.of(2026, 6, 16), new DayTotal(1, new BigDecimal("25.5000")));
		assertThat(this.jdbc.sql("select sku from order_line_item where store_id = :store")
			.param("store", store.id())
			.query(String.class)
			.list()).containsExactly("SKU-B");
	}

	@Test
	void anOlderOrEquallyOldVersionChangesNothing() {
		StoreRef store = store("UTC");
		this.ledger.apply(store, order(1, NOON, NOON.plusSeconds(60), "10.00"));

		assertThat(this.ledger.apply(store, order(1, NOON, NOON, "99.00"))).isFalse();
		assertThat(this.ledger.apply(store, order(1, NOON, NOON.plusSeconds(60), "99.00"))).isFalse();

		assertThat(day(store, LocalDate.of(2026, 6, 15))).isEqualTo(new DayTotal(1, new BigDecimal("10.0000")));
		assertThat(this.jdbc.sql("select total_price from shop_order where store_id = :store")
			.param("store", store.id())
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("10.00");
	}

	@Test
	void withinOneSecondTheVersionFurtherAlongWinsWhicheverArrivesFirst() {
		StoreRef store = store("UTC");
		OrderSnapshot placed = order(1, NOON, NOON, "40.00");
		OrderSnapshot cancelledTheSameSecond = new OrderSnapshot(1, "#1", NOON, NOON, NOON, NOON, false, "USD",
				new BigDecimal("40.00"), BigDecimal.ZERO, "VOIDED", List.of());
		OrderSnapshot other = order(2, NOON, NOON, "30.00");
		OrderSnapshot refundedTheSameSecond = new OrderSnapshot(2, "#2", NOON, NOON, NOON, null, false, "USD",
				new BigDecimal("30.00"), new BigDecimal("10.00"), "PARTIALLY_REFUNDED", List.of());

		assertThat(this.ledger.apply(store, placed)).isTrue();
		assertThat(this.ledger.apply(store, cancelledTheSameSecond)).isTrue();
		assertThat(this.ledger.apply(store, refundedTheSameSecond)).isTrue();
		assertThat(this.ledger.apply(store, other)).as("arriving after the later version of its second").isFalse();
		assertThat(this.ledger.apply(store, placed)).isFalse();

		assertThat(day(store, LocalDate.of(2026, 6, 15))).isEqualTo(new DayTotal(1, new BigDecimal("30.0000")));
		assertThat(this.jdbc.sql("select current_total_price from shop_order where store_id = :store and shopify_id = 2")
			.param("store", store.id())
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("10.00");
	}

	@Test
	void aRepeatedDeliveryIsANoOpAndPublishesNothing() {
		StoreRef store = store("UTC");
		OrderSnapshot order = order(1, NOON, NOON, "10.00");

		assertThat(this.ledger.apply(store, order)).isTrue();
		assertThat(this.ledger.apply(store, order)).isFalse();
		assertThat(this.ledger.applyAll(store, List.of(order, order))).isZero();

		assertThat(day(store, LocalDate.of(2026, 6, 15)).orders()).isOne();
		assertThat(this.events.stream(SalesChanged.class)).containsExactly(new SalesChanged(store.id(), Set.of(6L)));
	}

	@Test
	void cancelledAndTestOrdersAreKeptButNotCounted() {
		StoreRef store = store("UTC");
		OrderSnapshot kept = order(1, NOON, NOON, "10.00");
		OrderSnapshot testOrder = new OrderSnapshot(2, "#2", NOON, NOON, NOON, null, true, "USD",
				new BigDecimal("20.00"), new BigDecimal("20.00"), "PAID", List.of());
		OrderSnapshot toCancel = order(3, NOON, NOON, "40.00");
		OrderSnapshot cancelled = new OrderSnapshot(3, "#3", NOON, NOON, NOON.plusSeconds(1), NOON.plusSeconds(1),
				false, "USD", new BigDecimal("40.00"), BigDecimal.ZERO, "VOIDED", List.of());

		this.ledger.applyAll(store, List.of(kept, testOrder, toCancel));
		assertThat(day(store, LocalDate.of(2026, 6, 15))).isEqualTo(new DayTotal(1 + 1, new BigDecimal("50.0000")));
		this.ledger.apply(store, cancelled);

		assertThat(day(store, LocalDate.of(2026, 6, 15))).isEqualTo(new DayTotal(1, new BigDecimal("10.0000")));
		assertThat(orderCount(store)).isEqualTo(3);
	}

	@Test
	void aRefundBeforeItsOrderIsKeptAndCountedOnceTheOrderArrives() {
		StoreRef store = store("UTC");
		RefundSnapshot refund = new RefundSnapshot(900, 1, new BigDecimal("4.00"), NOON.plusSeconds(3600));

		assertThat(this.ledger.applyRefund(store, refund)).isTrue();
		assertThat(this.ledger.applyRefund(store, refund)).isFalse();
		this.ledger.apply(store, order(1, NOON, NOON, "10.00"));
		this.ledger.applyRefund(store, new RefundSnapshot(901, 1, new BigDecimal("1.50"), NOON.plusSeconds(7200)));

		assertThat(refunded(store, 1)).isEqualByComparingTo("5.50");
		assertThat(day(store, LocalDate.of(2026, 6, 15)).revenue()).as("revenue is gross").isEqualByComparingTo("10");
	}

	@Test
	void hoursAreTheLocalHoursOfAHalfHourOffsetZone() {
		StoreRef store = store("Asia/Kolkata");
		// IST is UTC+05:30 all year: 18:29:59Z is 23:59:59 on the 10th, 18:30Z midnight on the 11th, 04:45Z 10:15.
		this.ledger.applyAll(store, List.of(order(1, Instant.parse("2026-03-10T18:29:59Z"), NOON, "1.00"),
				order(2, Instant.parse("2026-03-10T18:30:00Z"), NOON, "2.00"),
				order(3, Instant.parse("2026-03-11T04:45:00Z"), NOON, "4.00")));

		assertThat(this.totals.daily(store.id(), LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 11)))
			.containsEntry(LocalDate.of(2026, 3, 10), new DayTotal(1, new BigDecimal("1.0000")))
			.containsEntry(LocalDate.of(2026, 3, 11), new DayTotal(2, new BigDecimal("6.0000")));
		assertThat(hour(store, LocalDate.of(2026, 3, 10), 23))
			.isEqualTo(new HourTotal(23, 1, new BigDecimal("1.0000")));
		assertThat(hour(store, LocalDate.of(2026, 3, 11), 0))
			.isEqualTo(new HourTotal(0, 1, new BigDecimal("2.0000")));
		assertThat(hour(store, LocalDate.of(2026, 3, 11), 10))
			.isEqualTo(new HourTotal(10, 1, new BigDecimal("4.0000")));
	}

	@Test
	void theRepeatedHourOfAFallBackDayInNewYorkIsOneBucket() {
		StoreRef store = store("America/New_York");
		// 2026-11-01: at 06:00Z (02:00 EDT) clocks go back to 01:00 EST. 03:59Z is 23:59 EDT on Oct 31;
		// 04:59Z is 00:59 EDT; 05:30Z is 01:30 EDT and 06:30Z 01:30 EST, both local hour 1; 07:00Z is 02:00 EST.
		this.ledger.applyAll(store, List.of(order(1, Instant.parse("2026-11-01T03:59:00Z"), NOON, "1.00"),
				order(2, Instant.parse("2026-11-01T04:59:00Z"), NOON, "2.00"),
				order(3, Instant.parse("2026-11-01T05:30:00Z"), NOON, "4.00"),
				order(4, Instant.parse("2026-11-01T06:30:00Z"), NOON, "8.00"),
				order(5, Instant.parse("2026-11-01T07:00:00Z"), NOON, "16.00")));

		assertThat(day(store, LocalDate.of(2026, 10, 31))).isEqualTo(new DayTotal(1, new BigDecimal("1.0000")));
		assertThat(day(store, LocalDate.of(2026, 11, 1))).isEqualTo(new DayTotal(4, new BigDecimal("30.0000")));
		assertThat(hours(store, LocalDate.of(2026, 11, 1)).subList(0, 3)).containsExactly(
				new HourTotal(0, 1, new BigDecimal("2.0000")), new HourTotal(1, 2, new BigDecimal("12.0000")),
				new HourTotal(2, 1, new BigDecimal("16.0000")));
	}

	@Test
	void theSkippedHourOfASpringForwardDayInNewYorkStaysEmpty() {
		StoreRef store = store("America/New_York");
		// 2026-03-08: at 07:00Z (02:00 EST) clocks jump to 03:00 EDT. 06:59Z is 01:59 EST, 07:00Z is 03:00 EDT.
		this.ledger.applyAll(store, List.of(order(1, Instant.parse("2026-03-08T06:59:00Z"), NOON, "1.00"),
				order(2, Instant.parse("2026-03-08T07:00:00Z"), NOON, "2.00")));
		// Moving the first order an hour later empties its old bucket, which is recomputed too.
		this.ledger.apply(store, new OrderSnapshot(1, "#1", Instant.parse("2026-03-08T07:30:00Z"), NOON,
				NOON.plusSeconds(1), null, false, "USD", new BigDecimal("1.00"), new BigDecimal("1.00"), "PAID",
				List.of()));

		assertThat(hours(store, LocalDate.of(2026, 3, 8)).subList(1, 4)).containsExactly(
				new HourTotal(1, 0, new BigDecimal("0.0000")), new HourTotal(2, 0, new BigDecimal("0.0000")),
				new HourTotal(3, 2, new BigDecimal("3.0000")));
	}

	@Test
	void twoDaysAreReadWithTheirHoursAndTheSalesOfPartOfAnHourFromTheOrdersThatCount() {
		StoreRef store = store("UTC");
		OrderSnapshot testOrder = new OrderSnapshot(4, "#4", NOON.plusSeconds(600), NOON, NOON, null, true, "USD",
				new BigDecimal("20.00"), new BigDecimal("20.00"), "PAID", List.of());
		this.ledger.applyAll(store, List.of(order(1, NOON.minusSeconds(1), NOON, "1.00"), order(2, NOON, NOON, "2.00"),
				order(3, NOON.plusSeconds(1799), NOON, "4.00"), order(5, NOON.plusSeconds(1800), NOON, "8.00"),
				testOrder));

		LocalDate day = LocalDate.ofInstant(NOON, ZoneOffset.UTC);
		List<SalesTotals.DaySales> days = this.totals.twoDays(store.id(),
				new SalesTotals.DayPart(day, NOON, NOON.plusSeconds(1800)),
				new SalesTotals.DayPart(day.minusDays(1), NOON, NOON));

		assertThat(days.get(0).part()).isEqualTo(new DayTotal(2, new BigDecimal("6.0000")));
		assertThat(days.get(0).hours()).isEqualTo(hours(store, day));
		assertThat(days.get(0).hours().get(12)).isEqualTo(new HourTotal(12, 3, new BigDecimal("14.0000")));
		assertThat(days.get(1).part()).isEqualTo(new DayTotal(0, new BigDecimal("0.0000")));
		assertThat(days.get(1).hours()).hasSize(24).allMatch((hour) -> hour.orders() == 0);
	}

	@Test
	void aThousandOrderBatchIsAppliedInOneGo() {
		StoreRef store = store("America/New_York");
		List<OrderSnapshot> batch = new ArrayList<>();
		IntStream.range(0, 1000)
			.forEach((i) -> batch.add(order(i, NOON.minusSeconds(i * 3600L), NOON, "2.50")));

		long started = System.nanoTime();
		assertThat(this.ledger.applyAll(store, batch)).isEqualTo(1000);
		long millis = (System.nanoTime() - started) / 1_000_000;

		assertThat(this.totals.daily(store.id(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31))
			.values()
			.stream()
			.mapToLong(DayTotal::orders)
			.sum()).isEqualTo(1000);
		assertThat(millis).as("a 1,000-order batch in %d ms", millis).isLessThan(5_000);
	}

	/**
	 * The webhook worker's batch holds several stores' orders, the same order ids among them: each store's orders,
	 * versions, line items and local hours stay its own, and each store gets its own {@link SalesChanged}.
	 */
	@Test
	void severalStoresOrdersAppliedTogetherStayEachStoresOwn() {
		StoreRef tokyo = store("Asia/Tokyo");
		StoreRef york = store("America/New_York");
		StoreRef idle = store("UTC");
		this.ledger.apply(york, order(1, NOON, NOON, "10.00"));
		Map<StoreRef, List<OrderSnapshot>> batches = new LinkedHashMap<>();
		batches.put(tokyo, List.of(order(1, NOON, NOON, "1.00"), order(2, NOON, NOON, "2.00")));
		batches.put(york, List.of(order(1, NOON, NOON.plusSeconds(60), "30.00"), order(1, NOON, NOON, "99.00"),
				order(2, NOON.minusSeconds(3600), NOON, "4.00")));
		batches.put(idle, List.of());

		assertThat(this.ledger.applyAll(batches)).as("orders changed").isEqualTo(4);

		// noon UTC is 21:00 in Tokyo and 08:00 in New York
		assertThat(hour(tokyo, LocalDate.of(2026, 6, 15), 21))
			.isEqualTo(new HourTotal(21, 2, new BigDecimal("3.0000")));
		assertThat(hour(york, LocalDate.of(2026, 6, 15), 8)).isEqualTo(new HourTotal(8, 1, new BigDecimal("30.0000")));
		assertThat(hour(york, LocalDate.of(2026, 6, 15), 7)).isEqualTo(new HourTotal(7, 1, new BigDecimal("4.0000")));
		assertThat(orderCount(tokyo)).isEqualTo(2);
		assertThat(orderCount(york)).isEqualTo(2);
		assertThat(orderCount(idle)).isZero();
		assertThat(this.jdbc.sql("select count(*) from order_line_item where store_id in (:stores)")
			.param("stores", List.of(tokyo.id(), york.id()))
			.query(Long.class)
			.single()).as("line items, one an order").isEqualTo(4);
		assertThat(this.events.stream(SalesChanged.class).map(SalesChanged::storeId))
			.containsExactly(york.id(), tokyo.id(), york.id());
	}

	@Test
	void rollupsStayTheSumOfTheirHoursAndMinutesOrdersThroughShuffledRepeatedAndLateVersions() {
		StoreRef store = store("America/New_York");
		Random random = new Random(16);
		List<OrderSnapshot> versions = new ArrayList<>();
		for (long id = 1; id <= 300; id++) {
			for (int k = 0, count = 1 + random.nextInt(4); k < count; k++) {
				Instant processedAt = NOON.plusSeconds(1_800L * random.nextInt(12) + random.nextInt(180));
				BigDecimal total = BigDecimal.valueOf(100 + random.nextInt(10_000), 2);
				versions.add(new OrderSnapshot(id, "#" + id, processedAt, processedAt, NOON.plusSeconds(60L * k),
						random.nextInt(5) == 0 ? NOON : null, random.nextInt(7) == 0, "USD", total, total, "PAID",
						List.of()));
			}
		}
		versions.addAll(versions.subList(0, 150));
		Collections.shuffle(versions, random);

		for (int from = 0; from < versions.size();) {
			int to = Math.min(versions.size(), from + 1 + random.nextInt(40));
			this.ledger.applyAll(store, versions.subList(from, to));
			from = to;
		}

		Map<String, String> summed = new TreeMap<>();
		this.jdbc.sql("""
				select cast(processed_at at time zone :zone as date) as day,
				    extract(hour from processed_at at time zone :zone) as hour, count(*) as orders,
				    sum(total_price) as revenue
				from shop_order where store_id = :store and not test and cancelled_at is null group by 1, 2""")
			.param("store", store.id())
			.param("zone", "America/New_York")
			.query((row) -> {
				summed.put(row.getDate("day") + " " + row.getInt("hour"),
						row.getLong("orders") + " " + row.getBigDecimal("revenue"));
			});
		Map<String, String> rolledUp = new TreeMap<>();
		this.jdbc.sql("select local_date, local_hour, orders, revenue from sales_hourly where store_id = :store and orders <> 0")
			.param("store", store.id())
			.query((row) -> {
				rolledUp.put(row.getDate("local_date") + " " + row.getInt("local_hour"),
						row.getLong("orders") + " " + row.getBigDecimal("revenue"));
			});
		assertThat(summed).as("orders that count, by local hour").hasSizeGreaterThan(3);
		assertThat(rolledUp).isEqualTo(summed);
		assertThat(this.jdbc.sql("select count(*) from sales_hourly where store_id = :store and orders = 0 and revenue <> 0")
			.param("store", store.id())
			.query(Long.class)
			.single()).as("hours without orders but with revenue").isZero();

		Map<String, String> summedByMinute = new TreeMap<>();
		this.jdbc.sql("""
				select date_trunc('minute', processed_at at time zone 'UTC') as minute, count(*) as orders,
				    sum(total_price) as revenue
				from shop_order where store_id = :store and not test and cancelled_at is null group by 1""")
			.param("store", store.id())
			.query((row) -> {
				summedByMinute.put(row.getString("minute"), row.getLong("orders") + " " + row.getBigDecimal("revenue"));
			});
		Map<String, String> minutes = new TreeMap<>();
		this.jdbc.sql("""
				select minute at time zone 'UTC' as minute, orders, revenue from sales_minutely
				where store_id = :store and (orders <> 0 or revenue <> 0)""")
			.param("store", store.id())
			.query((row) -> {
				minutes.put(row.getString("minute"), row.getLong("orders") + " " + row.getBigDecimal("revenue"));
			});
		assertThat(summedByMinute).as("orders that count, by minute").hasSizeGreaterThan(12);
		assertThat(minutes).isEqualTo(summedByMinute);
	}

	private StoreRef store(String zone) {
		String domain = "ledger-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		UUID id = this.jdbc
			.sql("insert into store (shopify_domain, timezone, currency) values (:domain, :zone, 'USD') returning id")
			.param("domain", domain)
			.param("zone", zone)
			.query(UUID.class)
			.single();
		return new StoreRef(id, new ShopDomain(domain), ZoneId.of(zone), "USD");
	}

	/** A paid order of one line for {@code total}. */
	private static OrderSnapshot order(long id, Instant processedAt, Instant updatedAt, String total) {
		BigDecimal amount = new BigDecimal(total);
		return new OrderSnapshot(id, "#" + id, processedAt, processedAt, updatedAt, null, false, "USD", amount, amount,
				"PAID", List.of(new LineItemSnapshot(100_000 + id, 5L, 6L, "SKU-A", 1, 1, amount)));
	}

	private DayTotal day(StoreRef store, LocalDate day) {
		return this.totals.daily(store.id(), day, day).get(day);
	}

	private HourTotal hour(StoreRef store, LocalDate day, int hour) {
		return hours(store, day).get(hour);
	}

	/** The 24 hours of a local day as the rollups hold them, read here rather than through the code under test. */
	private List<HourTotal> hours(StoreRef store, LocalDate day) {
		List<HourTotal> hours = new ArrayList<>();
		for (int hour = 0; hour < 24; hour++) {
			hours.add(new HourTotal(hour, 0, new BigDecimal("0.0000")));
		}
		this.jdbc.sql("select local_hour, orders, revenue from sales_hourly where store_id = :store and local_date = :day")
			.param("store", store.id())
			.param("day", day)
			.query((row) -> {
				hours.set(row.getInt(1), new HourTotal(row.getInt(1), row.getLong(2), row.getBigDecimal(3)));
			});
		return hours;
	}

	private int orderCount(StoreRef store) {
		return this.jdbc.sql("select count(*) from shop_order where store_id = :store")
			.param("store", store.id())
			.query(Integer.class)
			.single();
	}

	private BigDecimal refunded(StoreRef store, long orderId) {
		return this.jdbc.sql("select refunded_amount from shop_order where store_id = :store and shopify_id = :id")
			.param("store", store.id())
			.param("id", orderId)
			.query(BigDecimal.class)
			.single();
	}

}
