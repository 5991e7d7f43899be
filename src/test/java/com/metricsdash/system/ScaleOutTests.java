package com.metricsdash.system;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.metricsdash.live.LiveClient;
import io.micrometer.core.instrument.MeterRegistry;
import com.metricsdash.sales.SalesChanged;
import com.metricsdash.sales.SalesTotals;
import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.Instances;
import com.metricsdash.testing.Merchant;
import com.metricsdash.testing.OwnStack;
import com.metricsdash.testing.Webhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the app on one PostgreSQL and one Redis (their own, {@link OwnStack}) behave as one: a delivery
 * taken by instance A reaches a socket held by instance B (over Redis pub/sub); a ShedLock'd scheduled job (the
 * sessions import, every {@link #INTERVAL} here, counted by each instance's metric) runs once per interval across
 * both, never once on each; and a queue
 * of 1,000 deliveries of four shops stored at once is drained by both instances' workers together, each delivery
 * applied once and the totals exactly the shops' own. Both instances' workers poll only once a day, so each applies
 * only what its own intake wakes it for: what B shows, A applied. The scheduled job's case runs first and then holds
 * the job off through the lock, so that it does not load the other cases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutTests {

	private static final ZoneId ZONE = ZoneId.of("Europe/Lisbon");

	/** The sessions import's interval on both instances: a pass over one store takes a fraction of it. */
	private static final Duration INTERVAL = Duration.ofSeconds(1);

	/** How long the scheduled job is watched. */
	private static final Duration WINDOW = Duration.ofSeconds(10);

	private static final Duration FRAME_WAIT = Duration.ofSeconds(3);

	private OwnStack stack;

	private ConfigurableApplicationContext a;

	private ConfigurableApplicationContext b;

	private int portA;

	private int portB;

	private SimulatorOrders simulator;

	private JdbcClient jdbc;

	private String liveShop;

	private UUID liveStore;

	private final Map<String, Map<UUID, AtomicInteger>> salesChanged = new ConcurrentHashMap<>();

	@BeforeAll
	void startTwoInstancesOnOneStack() throws Exception {
		this.stack = OwnStack.start();
		this.portA = Instances.freePort();
		this.portB = Instances.freePort();
		String[] common = { "--metricsdash.sessions-import.interval=" + INTERVAL.toSeconds() + "s",
				"--metricsdash.webhooks.poll-interval=1d", "--metricsdash.webhooks.batch-size=50" };
		// one after the other: Spring Boot's logging system is one per JVM, and two instances starting at once raced
		// for it ("Unable to find Spring Environment in logger context": B did not start, in a CI run); A, started, is
		// closed after the class even when B fails to start
		this.a = Instances.start(this.stack, this.portA, common);
		// both instances are reached at one address, A's, as behind a load balancer, and reach one Shopify, A's simulator
		this.b = Instances.start(this.stack, this.portB,
				concat(common, "--metricsdash.app-url=http://localhost:" + this.portA,
						"--metricsdash.shopify.endpoint=http://localhost:" + this.portA + "/simulator/{shop}"));
		listen("A", this.a);
		listen("B", this.b);
		this.simulator = new SimulatorOrders(this.a);
		this.jdbc = this.a.getBean(JdbcClient.class);
		this.liveShop = this.simulator.newShop("scale-live", ZONE, 1, 0);
		this.liveStore = Installs.installAndSync(this.a, new Merchant(this.portA), this.liveShop);
		this.simulator.dropDeliveries(this.liveShop);
	}

	@AfterAll
	void stop() throws Exception {
		try {
			if (this.b != null) {
				this.b.close();
			}
			if (this.a != null) {
				this.a.close();
			}
		}
		finally {
			if (this.stack != null) {
				this.stack.close();
			}
		}
	}

	@Test
	@Order(2)
	void aDeliveryTakenByOneInstanceReachesTheSocketsOfTheOther() throws Exception {
		JsonMapper json = this.a.getBean(JsonMapper.class);
		String token = new SimulatorFixture(this.a).idToken(this.liveShop);
		try (LiveClient socket = LiveClient.connect(
				"ws://localhost:" + this.portB + "/ws/stores/" + this.liveStore + "?format=json",
				Map.of("Authorization", "Bearer " + token))) {
			String first = socket.next(FRAME_WAIT);
			assertThat(first).as("the figures B sends its new socket").contains("dashboard:update");
			assertThat(json.readTree(first).at("/data/orders/today").asInt()).isZero();
			clearOfTheStoresRefresh();
			int appliedByA = changes("A", this.liveStore);
			int appliedByB = changes("B", this.liveStore);

			long order = this.simulator.placeOrder(this.liveShop, new Random(3));
			int status = new Webhooks(this.portA).deliver("orders/create", this.liveShop, UUID.randomUUID().toString(),
					this.simulator.orderPayload(this.liveShop, order));

			assertThat(status).isEqualTo(200);
			JsonNode pushed = null;
			long deadline = System.nanoTime() + FRAME_WAIT.toNanos();
			while (pushed == null && System.nanoTime() < deadline) {
				String frame = socket.next(Duration.ofMillis(200));
				if (frame != null && json.readTree(frame).at("/data/orders/today").asInt() == 1) {
					pushed = json.readTree(frame);
				}
			}
			assertThat(pushed).as("a frame on B's socket with the order A applied").isNotNull();
			assertThat(pushed.get("type").asString()).isEqualTo("dashboard:update");
			assertThat(changes("A", this.liveStore)).as("sales changes applied by A").isGreaterThan(appliedByA);
			assertThat(changes("B", this.liveStore)).as("sales changes applied by B").isEqualTo(appliedByB);
		}
	}

	@Test
	@Order(1)
	void aScheduledJobRunsOncePerIntervalAcrossBothInstances() throws Exception {
		double before = passes(this.a) + passes(this.b);
		Thread.sleep(WINDOW.toMillis());
		double ran = passes(this.a) + passes(this.b) - before;

		// each instance schedules the pass every second on its own clock: once on each would be about 20 passes
		assertThat(ran).as("sessions-import passes in %s on both instances", WINDOW)
			.isBetween(3.0, (double) WINDOW.dividedBy(INTERVAL) + 1);
		// the job is held off for the rest of the class, on both instances, by the lock they share
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> this.jdbc.sql("""
				update shedlock set lock_until = now() + interval '1 hour'
				where name = 'sessions-import' and lock_until <= now()""").update() == 1);
	}

	@Test
	@Order(3)
	void bothInstancesDrainOneQueueAndApplyEachDeliveryOnce() throws Exception {
		List<String> shops = new ArrayList<>();
		Map<String, UUID> stores = new ConcurrentHashMap<>();
		for (int i = 0; i < 4; i++) {
			String shop = this.simulator.newShop("scale-drain-" + i, ZONE, 1, 0);
			stores.put(shop, Installs.installAndSync(this.a, new Merchant(this.portA), shop));
			this.simulator.dropDeliveries(shop);
			shops.add(shop);
		}
		Random random = new Random(17);
		List<String[]> deliveries = new ArrayList<>();
		for (int i = 0; i < 250; i++) {
			for (String shop : shops) {
				long order = this.simulator.placeOrder(shop, random);
				deliveries.add(new String[] { shop, this.simulator.orderPayload(shop, order) });
			}
		}
		store(deliveries);

		// each instance's intake wakes its own worker, which then drains whatever is due
		long lastA = this.simulator.placeOrder(shops.get(0), random);
		long lastB = this.simulator.placeOrder(shops.get(1), random);
		CompletableFuture<Integer> toA = CompletableFuture.supplyAsync(() -> new Webhooks(this.portA)
			.deliver("orders/create", shops.get(0), UUID.randomUUID().toString(),
					this.simulator.orderPayload(shops.get(0), lastA)));
		CompletableFuture<Integer> toB = CompletableFuture.supplyAsync(() -> new Webhooks(this.portB)
			.deliver("orders/create", shops.get(1), UUID.randomUUID().toString(),
					this.simulator.orderPayload(shops.get(1), lastB)));
		assertThat(toA.get()).isEqualTo(200);
		assertThat(toB.get()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(inbox(shops, "status = 'DONE'")).isEqualTo(1_002));
		assertThat(inbox(shops, "status = 'DONE' and attempts = 0 and last_error is null"))
			.as("deliveries applied at the first attempt").isEqualTo(1_002);
		SalesTotals totals = this.a.getBean(SalesTotals.class);
		for (String shop : shops) {
			UUID store = stores.get(shop);
			var expected = this.simulator.expectedDailyTotals(shop);
			assertThat(totals.daily(store, expected.firstKey(), expected.lastKey())).as(shop).isEqualTo(expected);
			assertThat(this.jdbc.sql("select count(*) from shop_order where store_id = :store")
				.param("store", store)
				.query(Integer.class)
				.single()).as("orders of " + shop).isEqualTo(shops.indexOf(shop) < 2 ? 251 : 250);
		}
		Set<UUID> drained = Set.copyOf(stores.values());
		assertThat(drained.stream().mapToInt((store) -> changes("A", store)).sum()).as("batches applied by A")
			.isPositive();
		assertThat(drained.stream().mapToInt((store) -> changes("B", store)).sum()).as("batches applied by B")
			.isPositive();
	}

	/**
	 * Waits, if need be, until the store's periodic refresh (once every 30 s, at a second of its own) is at least 5 s
	 * away, so that a frame with new figures can only come from the change.
	 */
	private void clearOfTheStoresRefresh() throws InterruptedException {
		long refreshSecond = Math.floorMod(this.liveStore.hashCode(), 30);
		while (true) {
			long now = Math.floorMod(System.currentTimeMillis() / 1000, 30);
			long untilRefresh = Math.floorMod(refreshSecond - now, 30);
			if (untilRefresh >= 5 && untilRefresh <= 28) {
				return;
			}
			Thread.sleep(250);
		}
	}

	/** Stores the deliveries in one transaction, as the intake of a busy instance would have left them queued. */
	private void store(List<String[]> deliveries) {
		new TransactionTemplate(this.a.getBean(PlatformTransactionManager.class)).executeWithoutResult((status) -> {
			for (String[] delivery : deliveries) {
				this.jdbc.sql("""
						insert into webhook_inbox (webhook_id, topic, shop_domain, api_version, triggered_at, payload)
						values (:webhookId, 'orders/create', :shop, '2026-10', now(), :payload)""")
					.param("webhookId", UUID.randomUUID().toString())
					.param("shop", delivery[0])
					.param("payload", delivery[1])
					.update();
			}
		});
	}

	private static double passes(ConfigurableApplicationContext instance) {
		return instance.getBean(MeterRegistry.class).get("metricsdash.sessions.import.passes").counter().count();
	}

	private int inbox(List<String> shops, String condition) {
		return this.jdbc.sql("""
				select count(*) from webhook_inbox
				where shop_domain in (:shops) and topic = 'orders/create' and\s""" + condition)
			.param("shops", shops)
			.query(Integer.class)
			.single();
	}

	private void listen(String instance, ConfigurableApplicationContext context) {
		Map<UUID, AtomicInteger> counts = this.salesChanged.computeIfAbsent(instance, (name) -> new ConcurrentHashMap<>());
		ApplicationListener<PayloadApplicationEvent<SalesChanged>> listener = ApplicationListener.forPayload(
				(change) -> counts.computeIfAbsent(change.storeId(), (store) -> new AtomicInteger()).incrementAndGet());
		context.addApplicationListener(listener);
	}

	private int changes(String instance, UUID store) {
		AtomicInteger count = this.salesChanged.get(instance).get(store);
		return (count != null) ? count.get() : 0;
	}

	private static String[] concat(String[] first, String... more) {
		String[] all = new String[first.length + more.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(more, 0, all, first.length, more.length);
		return all;
	}

}
