package com.metricsdash.sales;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;

import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import com.metricsdash.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Order webhooks through the whole pipeline: the simulator sells in a shop installed over HTTP, its deliveries reach
 * the intake as Shopify may send them, and the rollups end up with exactly the shop's own figures.
 */
@IntegrationTest
class OrderWebhooksTests {

	private static final List<String> ORDER_TOPICS = List.of("orders/create", "orders/updated", "orders/cancelled",
			"refunds/create");

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SalesTotals totals;

	@Autowired
	Stores stores;

	SimulatorOrders simulator;

	@BeforeEach
	void setUp() {
		this.simulator = new SimulatorOrders(this.context);
	}

	@Test
	void aThousandOrderWebhooksDuplicatedShuffledAndOvertakingTheirCreatesGiveTheShopsOwnTotals()
			throws InterruptedException {
		String shop = this.simulator.newShop("burst", ZoneId.of("America/New_York"), 1, 0);
		new Merchant(this.port).install(shop);
		UUID storeId = this.stores.installed(new ShopDomain(shop)).orElseThrow().id();
		// Only order webhooks: the stock moves of each sale are not what this test is about.
		this.simulator.unsubscribe(shop, "INVENTORY_LEVELS_UPDATE");
		Random random = new Random(42);

		// The creates go out 3 s late, so the cancellations and refunds sent after them overtake most of them.
		this.simulator.deliveries(shop, 0.3, true, Duration.ofSeconds(3));
		List<Long> placed = IntStream.range(0, 600).mapToObj((i) -> this.simulator.placeOrder(shop, random)).toList();
		// Past the shuffle window, and into a later second than every create: webhook times are whole seconds.
		Thread.sleep(1_100);
		this.simulator.deliveries(shop, 0.3, true, Duration.ZERO);
		// newest first, so that the latest creates are overtaken even on a machine too busy to send all in time
		for (int i = 99; i >= 0; i--) {
			this.simulator.cancelOrder(shop, placed.get(6 * i));
			this.simulator.refundOrder(shop, placed.get(6 * i + 3));
		}

		// 600 orders/create, 100 orders/cancelled + orders/updated, 100 refunds/create + orders/updated
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			assertThat(orderEvents(shop, "DONE")).isEqualTo(1000);
			assertThat(this.totals.daily(storeId, expected(shop).firstKey(), expected(shop).lastKey()))
				.isEqualTo(expected(shop));
		});
		assertThat(orderEvents(shop, "PARKED")).isZero();
		assertThat(this.simulator.eventsSentTwice(shop)).as("duplicated deliveries").isPositive();
		assertThat(this.jdbc.sql("""
				select count(*) from webhook_inbox later_create join webhook_inbox cancel
				    on cancel.shop_domain = later_create.shop_domain and cancel.topic = 'orders/cancelled'
				    and cast(cancel.payload as jsonb) ->> 'id' = cast(later_create.payload as jsonb) ->> 'id'
				where later_create.shop_domain = :shop and later_create.topic = 'orders/create'
				    and later_create.id > cancel.id""")
			.param("shop", shop)
			.query(Integer.class)
			.single()).as("cancellations received before their create").isPositive();
		assertThat(count("select count(*) from refund where store_id = :store", storeId)).isEqualTo(100);
		assertThat(count("select count(*) from shop_order where store_id = :store and refunded_amount > 0", storeId))
			.isEqualTo(100);
	}

	@Test
	void anOrderFromAShopThatIsNotInstalledIsAcknowledgedAndDropped() {
		String shop = this.simulator.newShop("stranger", ZoneId.of("UTC"), 1, 0);
		long orderId = this.simulator.placeOrder(shop, new Random(1));

		new Webhooks(this.port).deliver("orders/create", shop, UUID.randomUUID().toString(),
				this.simulator.orderPayload(shop, orderId));

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(orderEvents(shop, "DONE")).isOne());
		assertThat(this.jdbc.sql("select count(*) from shop_order where shopify_id = :id")
			.param("id", orderId)
			.query(Integer.class)
			.single()).isZero();
	}

	/** The simulator's own days, each with the four decimals the app keeps money with, and zero days in between. */
	private SortedMap<LocalDate, DayTotal> expected(String shop) {
		SortedMap<LocalDate, SimulatorOrders.Day> days = this.simulator.dailyTotals(shop);
		SortedMap<LocalDate, DayTotal> expected = new TreeMap<>();
		for (LocalDate day = days.firstKey(); !day.isAfter(days.lastKey()); day = day.plusDays(1)) {
			SimulatorOrders.Day total = days.get(day);
			expected.put(day, (total != null) ? new DayTotal(total.orders(), total.grossSales().setScale(4))
					: new DayTotal(0, new BigDecimal("0.0000")));
		}
		return expected;
	}

	private int orderEvents(String shop, String status) {
		return this.jdbc.sql("""
				select count(*) from webhook_inbox
				where shop_domain = :shop and topic in (:topics) and status = :status""")
			.param("shop", shop)
			.param("topics", ORDER_TOPICS)
			.param("status", status)
			.query(Integer.class)
			.single();
	}

	private int count(String sql, UUID store) {
		return this.jdbc.sql(sql).param("store", store).query(Integer.class).single();
	}

}
