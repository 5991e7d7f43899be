package com.metricsdash.dashboard;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.metricsdash.live.LiveClient;
import com.metricsdash.sales.DayTotal;
import com.metricsdash.sales.SalesTotals;
import com.metricsdash.shop.StoreSeeds;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.BenchmarkTable;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Latencies;
import com.metricsdash.testing.OpenLoop;
import com.metricsdash.testing.SessionTokens;
import com.metricsdash.testing.Webhooks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard at the scale of issue 5: 1,000 installed stores in a mix of timezones, each with 60 days of about 30
 * orders a day. Measured:
 * <ul>
 * <li>{@code GET /api/stores/{id}/dashboard} of a random store with a session token of its shop, sent at a fixed
 * 200 requests/s whatever the answers do (open loop), each latency counted from the request's scheduled send time so
 * that a stalled server cannot hide behind a client that waited for it; target P95 under 20 ms;
 * <li>the push: a signed {@code orders/create} webhook for a store with an open JSON socket, from the webhook's 200 to
 * the {@code dashboard:update} frame that counts the new order; target P95 under 100 ms.
 * </ul>
 * Seeding goes around what would take hours: the stores through {@link StoreSeeds}, their orders by one set-based
 * statement per 100 stores and the hourly rollups by one statement grouping the orders into the shop's local hours
 * as the ledger's rollups do; the figures of a sample of stores are then checked against their orders. The stores
 * whose pages are open are shops in the simulator, so that their orders are placed there and their webhook bodies are
 * Shopify's. Errors and wrong figures fail the benchmark; a missed latency target is printed as MISSED and does not,
 * since on a shared machine latency measures the machine as much as the app. Run with
 * {@code ./mvnw -Pbenchmark test -Dtest=DashboardBenchmark}; prints its detail and adds its summary to
 * {@link BenchmarkTable}.
 */
@Tag("benchmark")
@IntegrationTest
class DashboardBenchmark {

	private static final int STORES = 1_000;

	private static final int DAYS = 60;

	private static final int ORDERS_PER_DAY = 30;

	/** Stores seeded (and their rollups built) per statement. */
	private static final int SEED_BATCH = 100;

	/** Stores whose figures are checked against their orders before anything is measured. */
	private static final int CHECKED = 20;

	private static final int REQUESTS_PER_SECOND = 200;

	private static final Duration WARM_UP = Duration.ofSeconds(10);

	private static final Duration MEASURED = Duration.ofSeconds(30);

	private static final double API_P95_TARGET_MS = 20;

	/** Stores with an open socket, each of which gets one order: no store's pushes are coalesced with its last. */
	private static final int LIVE_STORES = 300;

	private static final int PAGES_PER_SECOND = 20;

	private static final Duration MEASURED_PAGES = Duration.ofSeconds(15);

	/** The product spec's dashboard load target (2 s at P95); we aim ten times lower. */
	private static final double PAGE_P95_TARGET_MS = 200;

	/** The rates tried, lowest first, to find the dashboard API's capacity. */
	private static final List<Integer> CAPACITY_RATES = List.of(200, 300, 400, 500, 600, 800);

	private static final Duration CAPACITY_WARM_UP = Duration.ofSeconds(3);

	private static final Duration CAPACITY_MEASURED = Duration.ofSeconds(10);

	private static final int CAPACITY_TARGET = 400;

	private static final int ORDERS_PER_SECOND = 10;

	private static final double PUSH_P95_TARGET_MS = 100;

	private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(5);

	private static final List<ZoneId> ZONES = List.of(ZoneId.of("America/Los_Angeles"), ZoneId.of("America/New_York"),
			ZoneId.of("America/Sao_Paulo"), ZoneId.of("Europe/London"), ZoneId.of("Europe/Berlin"),
			ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Tokyo"), ZoneId.of("Australia/Sydney"));

	/**
	 * About {@code :perDay} orders on each local day of the last {@code :days}, up to now: by hour of the day a
	 * cosine peaking at 14:00 over a floor (the weights sum to 26.4 a day), a fifth more on weekends, and one in a
	 * hundred a test order and two cancelled, which the figures must leave out. Ids are unique per store and far
	 * below the simulator's, whose orders the pushes add.
	 */
	private static final String SEED_ORDERS = """
			insert into shop_order (store_id, shopify_id, name, processed_at, shopify_created_at, shopify_updated_at,
			    cancelled_at, test, currency, total_price, current_total_price, financial_status)
			select store_id, id, '#' || id, at, at, at, case when fate < 0.02 then at + interval '2 hours' end,
			    fate >= 0.02 and fate < 0.03, 'USD', price, case when fate < 0.02 then 0 else price end,
			    case when fate < 0.02 then 'voided' else 'paid' end
			from (
			    select s.id as store_id, 1000000 + (day.ago * 24 + hour.h) * 100 + n.i as id,
			        (today.local_date - day.ago + make_interval(hours => hour.h, secs => random() * 3599.999))
			            at time zone s.timezone as at,
			        random() as fate, round(cast(10 + random() * 140 as numeric), 2) as price
			    from store s
			    cross join lateral (select cast(now() at time zone s.timezone as date) as local_date) today
			    cross join generate_series(0, :days) as day(ago)
			    cross join generate_series(0, 23) as hour(h)
			    cross join generate_series(1, cast(floor(:perDay * (1.1 + cos(2 * pi() * (hour.h - 14) / 24)) / 26.4
			        * (case when extract(isodow from today.local_date - day.ago) >= 6 then 1.2 else 0.92 end)
			        + random()) as integer)) as n(i)
			    where s.id in (:stores)
			) generated
			where at > now() - make_interval(days => :days) and at <= now()""";

	/** The hourly rollups of the seeded orders, grouped into the shop's local hours as {@code HourBucket} does. */
	private static final String SEED_ROLLUPS = """
			insert into sales_hourly (store_id, local_date, local_hour, orders, revenue)
			select o.store_id, cast(o.processed_at at time zone s.timezone as date),
			    extract(hour from o.processed_at at time zone s.timezone), count(*), sum(o.total_price)
			from shop_order o join store s on s.id = o.store_id
			where o.store_id in (:stores) and not o.test and o.cancelled_at is null
			group by 1, 2, 3""";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SalesTotals sales;

	@Autowired
	JsonMapper json;

	final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	SimulatorOrders simulator;

	@Test
	void dashboardReadsAndPushesAtOneThousandStores() throws Exception {
		this.simulator = new SimulatorOrders(this.context);
		Seed seed = seed();
		List<BenchStore> stores = seed.stores();
		Random random = new Random(5);
		List<BenchStore> shuffled = new ArrayList<>(stores);
		Collections.shuffle(shuffled, random);
		for (BenchStore store : shuffled.subList(0, CHECKED)) {
			assertFiguresMatchTheOrders(store);
		}

		double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		Latencies api = loadDashboardApi(stores, random);
		// opened just before the pushes: a socket closes when its session token expires, a minute after it was signed
		List<LiveStore> live = openSockets(stores.subList(0, LIVE_STORES));
		Latencies pushes = pushOrders(live, random);
		Latencies pages = loadPages(stores, random);
		Capacity capacity = capacity(stores, random);
		double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		live.forEach((store) -> store.socket().close());

		System.out.printf("%nSeeded %,d stores, %,d orders over %d days and %,d hourly rollups in %.1f s (stores %.1f s,"
				+ " orders %.1f s, rollups and vacuum %.1f s); the figures of %d stores match their orders.%n",
				stores.size(), seed.orders(), DAYS, seed.rollups(), seconds(seed.storesTook() + seed.ordersTook()
						+ seed.rollupsTook()), seconds(seed.storesTook()), seconds(seed.ordersTook()),
				seconds(seed.rollupsTook()), CHECKED);
		System.out.printf("%n| benchmark | samples | errors | P50 ms | P95 ms | P99 ms | max ms | target | result |%n");
		System.out.printf("|---|---|---|---|---|---|---|---|---|%n");
		row("`GET /api/stores/{id}/dashboard`, " + REQUESTS_PER_SECOND + " requests/s for " + MEASURED.toSeconds()
				+ " s, random store of " + String.format("%,d", STORES), api, "P95 < " + (int) API_P95_TARGET_MS + " ms",
				api.p95() < API_P95_TARGET_MS);
		row("push: `orders/create` webhook's 200 to the `dashboard:update` frame counting it, " + LIVE_STORES
				+ " open sockets", pushes, "P95 < " + (int) PUSH_P95_TARGET_MS + " ms", pushes.p95() < PUSH_P95_TARGET_MS);
		System.out.printf("%nThe load generator sent its requests at most %.1f ms behind their schedule. System load"
				+ " average (1 min) on %d processors: %.1f before the API run, %.1f after the pushes.%n%n",
				api.senderLagMillis(), Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);

		BenchmarkTable.add(BenchmarkTable.Row
			.of("dashboard API P50 / P95 / P99, " + REQUESTS_PER_SECOND + " reads/s over " + String.format("%,d", STORES)
					+ " stores (in-process generator, " + String.format("%.0f", api.senderLagMillis()) + " ms behind)",
					api.percentiles(), "ms")
			.target("P95 < " + (int) API_P95_TARGET_MS + " ms", api.p95() < API_P95_TARGET_MS));
		BenchmarkTable.add(BenchmarkTable.Row
			.of("push P50 / P95 / P99, webhook's 200 to frame, " + LIVE_STORES + " open sockets", pushes.percentiles(),
					"ms")
			.target("P95 < " + (int) PUSH_P95_TARGET_MS + " ms", pushes.p95() < PUSH_P95_TARGET_MS));

		BenchmarkTable.add(BenchmarkTable.Row
			.of("full dashboard page P50 / P95 / P99 as the Shopify admin opens it (the page with an ID token, then its"
					+ " cards with a session token), " + PAGES_PER_SECOND + " pages/s for " + MEASURED_PAGES.toSeconds()
					+ " s over " + String.format("%,d", STORES) + " stores (" + pages.errors() + " errors)",
					pages.percentiles(), "ms")
			.target("P95 < " + (int) PAGE_P95_TARGET_MS + " ms", pages.p95() < PAGE_P95_TARGET_MS));
		BenchmarkTable.add(BenchmarkTable.Row
			.of("dashboard API capacity over " + String.format("%,d", STORES) + " stores: highest rate of "
					+ CAPACITY_RATES + " reads/s (" + CAPACITY_MEASURED.toSeconds() + " s each) with P95 < "
					+ (int) API_P95_TARGET_MS + " ms; its P95 there " + String.format("%.1f", capacity.p95())
					+ " ms, against liveness's P95 at the same rate (the server's floor)",
					capacity.readsPerSecond(), 0, "reads/s")
			.against(String.format("%.1f ms liveness P95", capacity.livenessP95()),
					capacity.livenessP95() > 0 ? capacity.p95() / capacity.livenessP95() : 0)
			.target("≥ " + CAPACITY_TARGET + " reads/s", capacity.readsPerSecond() >= CAPACITY_TARGET));

		assertThat(api.errors()).as("dashboard requests that did not answer 200 with the store's figures").isZero();
		assertThat(pushes.errors()).as("orders whose push did not arrive within " + PUSH_TIMEOUT).isZero();
	}

	/** 1,000 synced stores, the first {@value #LIVE_STORES} of them shops in the simulator, and their orders. */
	private Seed seed() {
		StoreSeeds seeds = new StoreSeeds(this.context);
		List<ZoneId> awayFromMidnight = ZONES.stream().filter(DashboardBenchmark::farFromMidnight).toList();
		long started = System.nanoTime();
		List<BenchStore> stores = new ArrayList<>(STORES);
		for (int i = 0; i < STORES; i++) {
			boolean live = i < LIVE_STORES;
			ZoneId zone = live ? awayFromMidnight.get(i % awayFromMidnight.size()) : ZONES.get(i % ZONES.size());
			String shop = live ? this.simulator.newShop("bench-live", zone, 1, 0)
					: "bench-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
			stores.add(new BenchStore(seeds.install(shop, zone, "USD"), shop, zone));
		}
		long storesDone = System.nanoTime();
		long orders = 0;
		for (List<UUID> batch : batches(stores)) {
			orders += this.jdbc.sql(SEED_ORDERS)
				.param("days", DAYS)
				.param("perDay", ORDERS_PER_DAY)
				.param("stores", batch)
				.update();
		}
		long ordersDone = System.nanoTime();
		long rollups = 0;
		for (List<UUID> batch : batches(stores)) {
			rollups += this.jdbc.sql(SEED_ROLLUPS).param("stores", batch).update();
		}
		// what autovacuum would have done by the time a database holds this much: no insert-triggered vacuum under load
		this.jdbc.sql("vacuum analyze shop_order, sales_hourly").update();
		long rollupsDone = System.nanoTime();
		return new Seed(stores, orders, rollups, storesDone - started, ordersDone - storesDone,
				rollupsDone - ordersDone);
	}

	/**
	 * The dashboard's figures for today and the same span of yesterday equal a count over the store's orders, and
	 * every day of its rollups equals its orders grouped into the shop's local days, so the seed is right.
	 */
	private void assertFiguresMatchTheOrders(BenchStore store) throws Exception {
		HttpResponse<String> response = this.http.send(
				OpenLoop.dashboard(baseUrl(), store.id(), store.shop(), "?compare=yesterday").request(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode dashboard = this.json.readTree(response.body());
		Instant now = Instant.parse(dashboard.path("updatedAt").asString());
		ZoneId zone = store.zone();
		LocalDate today = LocalDate.ofInstant(now, zone);
		LocalDate yesterday = today.minusDays(1);
		DayTotal soldToday = sold(store, today.atStartOfDay(zone).toInstant(), now);
		DayTotal soldBefore = sold(store, yesterday.atStartOfDay(zone).toInstant(),
				LocalDateTime.of(yesterday, LocalTime.ofInstant(now, zone)).atZone(zone).toInstant());
		assertThat(dashboard.path("orders").path("today").asLong()).as(store.shop()).isEqualTo(soldToday.orders());
		assertThat(dashboard.path("orders").path("yesterday").asLong()).as(store.shop()).isEqualTo(soldBefore.orders());
		assertThat(dashboard.path("revenue").path("today").decimalValue()).as(store.shop())
			.isEqualByComparingTo(soldToday.revenue().setScale(2, RoundingMode.HALF_UP));
		assertThat(dashboard.path("revenue").path("yesterday").decimalValue()).as(store.shop())
			.isEqualByComparingTo(soldBefore.revenue().setScale(2, RoundingMode.HALF_UP));

		SortedMap<LocalDate, DayTotal> days = new TreeMap<>();
		for (LocalDate day = today.minusDays(DAYS); !day.isAfter(today); day = day.plusDays(1)) {
			days.put(day, new DayTotal(0, new BigDecimal("0.0000")));
		}
		this.jdbc.sql("""
				select processed_at, total_price from shop_order
				where store_id = :store and not test and cancelled_at is null""")
			.param("store", store.id())
			.query((row) -> {
				LocalDate day = LocalDate.ofInstant(row.getObject("processed_at", OffsetDateTime.class).toInstant(), zone);
				days.merge(day, new DayTotal(1, row.getBigDecimal("total_price")), (kept, order) -> new DayTotal(
						kept.orders() + order.orders(), kept.revenue().add(order.revenue())));
			});
		assertThat(this.sales.daily(store.id(), days.firstKey(), days.lastKey())).as(store.shop()).isEqualTo(days);
	}

	private DayTotal sold(BenchStore store, Instant from, Instant to) {
		return this.jdbc.sql("""
				select count(*) as orders, coalesce(sum(total_price), 0) as revenue from shop_order
				where store_id = :store and processed_at >= :from and processed_at < :to
				    and not test and cancelled_at is null""")
			.param("store", store.id())
			.param("from", OffsetDateTime.ofInstant(from, ZoneId.of("UTC")))
			.param("to", OffsetDateTime.ofInstant(to, ZoneId.of("UTC")))
			.query((row, number) -> new DayTotal(row.getLong("orders"), row.getBigDecimal("revenue")))
			.single();
	}

	/** A JSON socket per store, as an embedded page opens it, and the orders counted today in its first frame. */
	private List<LiveStore> openSockets(List<BenchStore> stores) throws InterruptedException {
		List<LiveStore> live = new ArrayList<>(stores.size());
		for (BenchStore store : stores) {
			LiveClient socket = LiveClient.connect("ws://localhost:" + this.port + "/ws/stores/" + store.id()
					+ "?format=json&access_token=" + token(store), Map.of());
			String greeting = socket.next(Duration.ofSeconds(10));
			assertThat(greeting).as("the dashboard a new socket of " + store.shop() + " gets").isNotNull();
			assertThat(ordersToday(greeting)).as("orders today in the greeting of " + store.shop()).isNotNegative();
			live.add(new LiveStore(store, socket, new AtomicLong(ordersToday(greeting))));
		}
		return live;
	}

	/**
	 * The highest of {@link #CAPACITY_RATES} at which the dashboard API's P95 stays under the target, over every store,
	 * and the P95 of the liveness probe on the same server at that rate, the floor any request pays here; stops at
	 * the first rate that misses.
	 */
	private Capacity capacity(List<BenchStore> stores, Random random) throws InterruptedException {
		Capacity capacity = new Capacity(0, 0, 0);
		for (int rate : CAPACITY_RATES) {
			Latencies reads = OpenLoop.run(this.http, rate, CAPACITY_WARM_UP, CAPACITY_MEASURED, (i) -> {
				BenchStore store = stores.get(random.nextInt(stores.size()));
				return OpenLoop.dashboard(baseUrl(), store.id(), store.shop(), "");
			});
			System.out.printf("capacity step %d reads/s: P95 %.1f ms, %d errors, generator %.0f ms behind%n", rate,
					reads.p95(), reads.errors(), reads.senderLagMillis());
			if (reads.errors() > 0 || reads.p95() >= API_P95_TARGET_MS) {
				break;
			}
			HttpRequest liveness = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/liveness")).build();
			Latencies floor = OpenLoop.run(this.http, rate, CAPACITY_WARM_UP, CAPACITY_MEASURED,
					(i) -> new OpenLoop.Request(liveness, (response) -> response.statusCode() == 200));
			capacity = new Capacity(rate, reads.p95(), floor.p95());
		}
		return capacity;
	}

	/**
	 * Opens the dashboard page of a random store {@value #PAGES_PER_SECOND} times a second, open-loop, as the Shopify
	 * admin does: the page with an ID token, then, once it is in, its cards fragment with a session token; each timed
	 * from its scheduled start to the cards' answer. An answer other than 200 with the figures is an error.
	 */
	private Latencies loadPages(List<BenchStore> stores, Random random) throws InterruptedException {
		return OpenLoop.runActions(PAGES_PER_SECOND, CAPACITY_WARM_UP, MEASURED_PAGES, (i) -> {
			BenchStore store = stores.get(random.nextInt(stores.size()));
			String token = token(store);
			HttpRequest page = HttpRequest.newBuilder(URI.create(baseUrl() + "/?id_token=" + token)).build();
			HttpRequest cards = HttpRequest.newBuilder(URI.create(baseUrl() + "/dashboard/cards"))
				.header("Authorization", "Bearer " + token)
				.header("HX-Request", "true")
				.build();
			return this.http.sendAsync(page, HttpResponse.BodyHandlers.ofString())
				.thenCompose((shell) -> (shell.statusCode() == 200)
						? this.http.sendAsync(cards, HttpResponse.BodyHandlers.ofString())
						: CompletableFuture.completedFuture(shell))
				.thenApply((answer) -> answer.statusCode() == 200 && answer.body().contains("data-figure"));
		});
	}

	/** Sends {@code GET /api/stores/{id}/dashboard} for random stores at a fixed rate ({@link OpenLoop}). */
	private Latencies loadDashboardApi(List<BenchStore> stores, Random random) throws InterruptedException {
		return OpenLoop.run(this.http, REQUESTS_PER_SECOND, WARM_UP, MEASURED, (i) -> {
			BenchStore store = stores.get(random.nextInt(stores.size()));
			return OpenLoop.dashboard(baseUrl(), store.id(), store.shop(), "");
		});
	}

	/**
	 * Places an order in each live store's shop, {@value #ORDERS_PER_SECOND} a second in random store order, delivers
	 * its {@code orders/create} as Shopify would and times the wait for the frame that counts it.
	 */
	private Latencies pushOrders(List<LiveStore> live, Random random) throws InterruptedException {
		List<LiveStore> order = new ArrayList<>(live);
		Collections.shuffle(order, random);
		Webhooks webhooks = new Webhooks(this.port);
		ScheduledExecutorService senders = Executors.newScheduledThreadPool(16);
		List<Future<Long>> pushes = new ArrayList<>(order.size());
		for (int i = 0; i < order.size(); i++) {
			LiveStore store = order.get(i);
			Random placing = new Random(i);
			pushes.add(senders.schedule(() -> push(store, webhooks, placing),
					i * TimeUnit.SECONDS.toNanos(1) / ORDERS_PER_SECOND, TimeUnit.NANOSECONDS));
		}
		List<Long> took = new ArrayList<>(pushes.size());
		int errors = 0;
		for (Future<Long> push : pushes) {
			try {
				took.add(push.get());
			}
			catch (ExecutionException ex) {
				System.out.println("Push failed: " + ex.getCause().getMessage());
				errors++;
			}
		}
		senders.shutdown();
		return Latencies.of(took.stream().mapToLong(Long::longValue).toArray(), errors, 0);
	}

	private long push(LiveStore store, Webhooks webhooks, Random random) throws InterruptedException {
		String frame;
		while ((frame = store.socket().next(Duration.ZERO)) != null) {
			follow(store, frame);
		}
		long expected = store.ordersToday().get() + 1;
		String shop = store.store().shop();
		long orderId = this.simulator.placeOrder(shop, random);
		int status = webhooks.deliver("orders/create", shop, UUID.randomUUID().toString(),
				this.simulator.orderPayload(shop, orderId));
		long answered = System.nanoTime();
		if (status != 200) {
			throw new IllegalStateException("The webhook of " + shop + " was answered " + status);
		}
		long deadline = answered + PUSH_TIMEOUT.toNanos();
		while ((frame = store.socket().next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) != null) {
			if (follow(store, frame) == expected) {
				return System.nanoTime() - answered;
			}
		}
		throw new IllegalStateException("No frame of " + shop + " counted its order within " + PUSH_TIMEOUT);
	}

	/** Keeps the orders today that a dashboard frame counts, and returns them (-1 for any other frame). */
	private long follow(LiveStore store, String frame) {
		long counted = ordersToday(frame);
		if (counted >= 0) {
			store.ordersToday().set(counted);
		}
		return counted;
	}

	/** The orders today that a dashboard frame counts; -1 for any other frame. */
	private long ordersToday(String frame) {
		JsonNode message = this.json.readTree(frame);
		return DashboardPush.TYPE.equals(message.path("type").asString())
				? message.path("data").path("orders").path("today").asLong() : -1;
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

	/** A session token of the store's shop, as App Bridge hands one to an embedded page. */
	private static String token(BenchStore store) {
		return SessionTokens.sign(store.shop(), Webhooks.SECRET, Instant.now());
	}

	/** Whether the zone's local midnight, where "today" starts again, is more than 20 minutes away. */
	private static boolean farFromMidnight(ZoneId zone) {
		return LocalTime.now(zone).isBefore(LocalTime.of(23, 40));
	}

	private static List<List<UUID>> batches(List<BenchStore> stores) {
		List<List<UUID>> batches = new ArrayList<>();
		for (int from = 0; from < stores.size(); from += SEED_BATCH) {
			batches.add(stores.subList(from, Math.min(stores.size(), from + SEED_BATCH))
				.stream()
				.map(BenchStore::id)
				.toList());
		}
		return batches;
	}

	private static void row(String benchmark, Latencies run, String target, boolean met) {
		System.out.printf("| %s | %,d | %d | %.1f | %.1f | %.1f | %.1f | %s | %s |%n", benchmark, run.samples(),
				run.errors(), run.p50(), run.p95(), run.p99(), run.max(), target, met ? "pass" : "MISSED");
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private record BenchStore(UUID id, String shop, ZoneId zone) {
	}

	/** A store with its open socket, and the orders today as its latest frame counted them. */
	private record LiveStore(BenchStore store, LiveClient socket, AtomicLong ordersToday) {
	}

	private record Seed(List<BenchStore> stores, long orders, long rollups, long storesTook, long ordersTook,
			long rollupsTook) {
	}

	/** The highest rate met, and the P95s (ms) of the dashboard and of liveness at it; zeros when none was met. */
	private record Capacity(int readsPerSecond, double p95, double livenessP95) {
	}

}
