package com.metricsdash.sales;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.shopify.ShopifyWebhook;
import com.metricsdash.shopify.ShopifyWebhooks;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import com.metricsdash.testing.Webhooks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbox is drained in batches: deliveries stored together (as a burst leaves them queued) are applied a shop's
 * run at a time, with one {@link SalesChanged} per shop and batch instead of one per order, and one unreadable
 * delivery in a run holds back nothing but itself. The deliveries are written into the inbox in one transaction, as
 * the intake would have stored them while the worker was busy, so that the worker finds them all at once.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class WebhookBatchTests {

	@LocalServerPort
	int port;

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	SalesTotals totals;

	@Autowired
	Stores stores;

	@Autowired
	MeterRegistry meters;

	SimulatorOrders simulator;

	final Map<UUID, AtomicInteger> salesChanged = new ConcurrentHashMap<>();

	final ApplicationListener<PayloadApplicationEvent<SalesChanged>> listener = ApplicationListener.forPayload(
			(change) -> this.salesChanged.computeIfAbsent(change.storeId(), (store) -> new AtomicInteger())
				.incrementAndGet());

	@BeforeEach
	void setUp() {
		this.simulator = new SimulatorOrders(this.context);
		this.context.addApplicationListener(this.listener);
	}

	@AfterEach
	void stopListening() {
		this.context.removeApplicationListener(this.listener);
	}

	@Test
	void aBurstOfTwoShopsIsAppliedInBatchesWithTheShopsOwnTotals() {
		String first = installedShop("batch-a");
		String second = installedShop("batch-b");
		List<Delivery> deliveries = new ArrayList<>();
		Random random = new Random(7);
		for (int i = 0; i < 300; i++) {
			for (String shop : List.of(first, second)) {
				deliveries.add(newOrder(shop, random));
			}
		}

		store(deliveries);

		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			assertThat(count(first, "DONE") + count(second, "DONE")).isEqualTo(600);
		});
		for (String shop : List.of(first, second)) {
			UUID store = storeId(shop);
			var expected = this.simulator.expectedDailyTotals(shop);
			assertThat(this.totals.daily(store, expected.firstKey(), expected.lastKey())).as(shop).isEqualTo(expected);
			// 600 deliveries in batches of 250: each shop is in at most three of them
			assertThat(this.salesChanged.get(store)).as("sales changes published for " + shop).hasValueBetween(1, 3);
		}
	}

	/**
	 * A batch's shops are applied together, a run of each at a time: one event holds several shops' orders (so one
	 * statement per kind of row serves them all), and a shop's uninstall, stored amid its orders, is published after
	 * the orders stored before it and before those stored after it, never with them.
	 */
	@Test
	void severalShopsRunsAreAppliedTogetherAndAnUninstallKeepsItsPlace() {
		List<String> shops = List.of(installedShop("batch-c"), installedShop("batch-d"), installedShop("batch-e"));
		String leaving = shops.get(2);
		List<Delivery> deliveries = new ArrayList<>();
		Random random = new Random(5);
		for (int i = 0; i < 30; i++) {
			for (String shop : shops) {
				deliveries.add(newOrder(shop, random));
			}
			if (i == 14) {
				deliveries.add(new Delivery(leaving, "app/uninstalled",
						"{\"id\": 1, \"myshopify_domain\": \"" + leaving + "\"}"));
			}
		}
		List<List<ShopifyWebhook>> published = new CopyOnWriteArrayList<>();
		ApplicationListener<PayloadApplicationEvent<ShopifyWebhooks>> events = ApplicationListener
			.forPayload((webhooks) -> published.add(webhooks.deliveries()));
		this.context.addApplicationListener(events);
		try {
			store(deliveries);

			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
				assertThat(shops.stream().mapToInt((shop) -> count(shop, "DONE")).sum()).isEqualTo(90);
			});
		}
		finally {
			this.context.removeApplicationListener(events);
		}
		for (String shop : shops.subList(0, 2)) {
			var expected = this.simulator.expectedDailyTotals(shop);
			assertThat(this.totals.daily(storeId(shop), expected.firstKey(), expected.lastKey())).as(shop)
				.isEqualTo(expected);
		}
		assertThat(published).as("events holding orders of more than one shop")
			.anyMatch((event) -> event.stream().map(ShopifyWebhook::shop).distinct().count() > 1);
		List<String> leavingTopics = published.stream()
			.flatMap((event) -> event.stream()
				.filter((webhook) -> webhook.shop().value().equals(leaving))
				.map((webhook) -> webhook.topic() + (event.size() == 1 ? " alone" : "")))
			.toList();
		assertThat(leavingTopics).hasSize(31);
		assertThat(leavingTopics.indexOf("app/uninstalled alone")).as("the uninstall's place, alone in its event")
			.isEqualTo(15);
	}

	@Test
	void anUnreadableDeliveryInARunIsParkedAndTheRestOfTheRunApplied() {
		String shop = installedShop("batch-bad");
		List<Delivery> deliveries = new ArrayList<>();
		Random random = new Random(11);
		for (int i = 0; i < 40; i++) {
			deliveries.add(newOrder(shop, random));
			if (i == 20) {
				deliveries.add(new Delivery(shop, "orders/create", "{\"name\": \"#no-id\"}"));
			}
		}

		store(deliveries);

		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			assertThat(count(shop, "DONE")).isEqualTo(40);
			assertThat(count(shop, "PARKED")).isOne();
		});
		var expected = this.simulator.expectedDailyTotals(shop);
		assertThat(this.totals.daily(storeId(shop), expected.firstKey(), expected.lastKey())).isEqualTo(expected);
		assertThat(this.jdbc.sql("select last_error from webhook_inbox where shop_domain = :shop and status = 'PARKED'")
			.param("shop", shop)
			.query(String.class)
			.single()).startsWith("the payload cannot be read");
	}

	/**
	 * A body that is not JSON, in a batch that fails for another delivery as well, is parked once and said so once: the
	 * batch taken straight fails on it, and only the batch taken again, run by run, parks it.
	 */
	@Test
	void aBodyThatIsNotJsonInAFailingBatchIsParkedAndLoggedOnce(CapturedOutput output) {
		String shop = installedShop("batch-broken");
		List<Delivery> deliveries = new ArrayList<>();
		Random random = new Random(17);
		for (int i = 0; i < 10; i++) {
			deliveries.add(newOrder(shop, random));
		}
		deliveries.add(3, new Delivery(shop, "orders/create", "{not json"));
		deliveries.add(new Delivery(shop, "orders/create", "{\"name\": \"#no-id\"}"));

		store(deliveries);

		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			assertThat(count(shop, "DONE")).isEqualTo(10);
			assertThat(count(shop, "PARKED")).isEqualTo(2);
		});
		var expected = this.simulator.expectedDailyTotals(shop);
		assertThat(this.totals.daily(storeId(shop), expected.firstKey(), expected.lastKey())).isEqualTo(expected);
		assertThat(output.getOut().lines().filter((line) -> line.contains(shop) && line.contains("parked: the body is "
				+ "not JSON"))).as("log lines parking the body that is not JSON").hasSize(1);
	}

	/**
	 * A flash sale on one store: while a worker applies its batches, the deliveries arriving wake that worker and not
	 * the others, which would only find the store held and end with nothing done, a transaction per delivery.
	 */
	@Test
	void aFlashSaleOnOneStoreWakesOnlyTheWorkerThatHoldsIt() throws Exception {
		String shop = installedShop("batch-sale");
		Random random = new Random(13);
		List<String> payloads = new ArrayList<>();
		for (int i = 0; i < 600; i++) {
			payloads.add(this.simulator.orderPayload(shop, this.simulator.placeOrder(shop, random)));
		}
		Counter held = this.meters.counter("metricsdash.webhooks.batches", "outcome", "held");
		double heldBefore = held.count();
		Webhooks webhooks = new Webhooks(this.port);
		long started = System.nanoTime();
		ExecutorService senders = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (String payload : payloads) {
				answers.add(senders.submit(() -> webhooks.deliver("orders/create", shop,
						UUID.randomUUID().toString(), payload)));
			}
			for (Future<Integer> answer : answers) {
				assertThat(answer.get()).isEqualTo(200);
			}
		}
		finally {
			senders.shutdown();
		}

		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			assertThat(count(shop, "DONE")).isEqualTo(600);
		});
		double seconds = (System.nanoTime() - started) / 1e9;
		var expected = this.simulator.expectedDailyTotals(shop);
		assertThat(this.totals.daily(storeId(shop), expected.firstKey(), expected.lastKey())).isEqualTo(expected);
		// the 200 ms poll still starts drains that find the store held, up to five a second; a wake per delivery
		// made hundreds
		assertThat(held.count() - heldBefore).isLessThan(10 + 6 * seconds);
	}

	/** A shop installed over HTTP whose own webhooks are never delivered: the test stores its deliveries itself. */
	private String installedShop(String prefix) {
		String shop = this.simulator.newShop(prefix, ZoneId.of("Europe/Berlin"), 1, 0);
		new Merchant(this.port).install(shop);
		this.simulator.dropDeliveries(shop);
		return shop;
	}

	/** The {@code orders/create} delivery of an order placed now in the simulator's shop. */
	private Delivery newOrder(String shop, Random random) {
		long order = this.simulator.placeOrder(shop, random);
		return new Delivery(shop, "orders/create", this.simulator.orderPayload(shop, order));
	}

	private void store(List<Delivery> deliveries) {
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> deliveries
			.forEach((delivery) -> this.jdbc.sql("""
					insert into webhook_inbox (webhook_id, topic, shop_domain, api_version, triggered_at, payload)
					values (:webhookId, :topic, :shop, '2026-10', now(), :payload)""")
				.param("webhookId", UUID.randomUUID().toString())
				.param("topic", delivery.topic())
				.param("shop", delivery.shop())
				.param("payload", delivery.payload())
				.update()));
	}

	private UUID storeId(String shop) {
		return this.stores.installed(new ShopDomain(shop)).orElseThrow().id();
	}

	private int count(String shop, String status) {
		return this.jdbc.sql("""
				select count(*) from webhook_inbox
				where shop_domain = :shop and topic = 'orders/create' and status = :status""")
			.param("shop", shop)
			.param("status", status)
			.query(Integer.class)
			.single();
	}

	private record Delivery(String shop, String topic, String payload) {
	}

}
