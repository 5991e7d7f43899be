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
import java.util.LinkedHashMap;
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

import com.metricsdash.sales.DayTotal;
import com.metricsdash.sales.SalesTotals;
import com.metricsdash.shop.StoreSeeds;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.Benchmark;
import com.metricsdash.testing.BenchmarkTable;
import com.metricsdash.testing.Latencies;
import com.metricsdash.testing.LoopbackEcho;
import com.metricsdash.testing.OpenLoop;
import com.metricsdash.testing.SessionTokens;
import com.metricsdash.testing.Webhooks;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
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
 * <li>the push, with 10 JSON sockets open on every store (10,000, held by a {@link SocketFleet} in a process of its
 * own): a signed {@code orders/create} webhook for one of the stores, from the webhook's 200 to the
 * {@code dashboard:update} frame that counts the new order, on the first and on the last of the store's 10 sockets
 * (a socket that gets no such frame within {@link #PUSH_TIMEOUT} is an error); target P95 under 100 ms at the last;
 * <li>its reference: a frame sent on each of 10 sockets of a {@link LoopbackEcho} (the same Tomcat and client, with
 * as many sockets open) and back, to the first and the last echo, so that the push reads as a multiple of what the
 * bare transport costs.
 * </ul>
 * Seeding goes around what would take hours: the stores through {@link StoreSeeds}, their orders by one set-based
 * statement per 100 stores and the rollups by one statement grouping the orders into the shop's local hours, and one
 * into minutes, as the ledger's rollups do; the figures of a sample of stores are then checked against their orders.
 * The stores whose pages are open are shops in the simulator, so that their orders are placed there and their webhook
 * bodies are Shopify's. Errors and wrong figures fail the benchmark; a missed latency target is printed as MISSED and
 * does not, since on a shared machine latency measures the machine as much as the app. Run with
 * {@code ./mvnw -Pbenchmark test -Dtest=DashboardBenchmark}; prints its detail and adds its summary to
 * {@link BenchmarkTable}.
 */
@Benchmark
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

	/** The sockets open on every store while the pushes are measured: 10,000 over the 1,000 stores. */
	private static final int SOCKETS_PER_STORE = 10;

	/**
	 * Stores that get one order each while the sockets are open (so that no store's pushes are coalesced with its
	 * last), and echo groups that echo once; shops in the simulator, so that their orders are placed there.
	 */
	private static final int ORDERED_STORES = 300;

	/** How long 10,000 sockets may take to open, each with its first frame. */
	private static final Duration OPEN_WITHIN = Duration.ofMinutes(4);

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

	private static final int SOCKETS = STORES * SOCKETS_PER_STORE;

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

	/** The minute rollups of the seeded orders, by UTC minute as the ledger keeps them. */
	private static final String SEED_MINUTES = """
			insert into sales_minutely (store_id, minute, orders, revenue)
			select store_id, date_trunc('minute', processed_at at time zone 'UTC') at time zone 'UTC', count(*),
			    sum(total_price)
			from shop_order
			where store_id in (:stores) and not test and cancelled_at is null
			group by 1, 2""";

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
		Latencies pages = loadPages(stores, random);
		// reads alone, before 10,000 sockets come and go: closing them leaves the server busy for a while
		Capacity capacity = capacity(stores, random);
		FanOut pushes = pushOrders(stores, random);
		FanOut echoes = echoes(stores, random);
		double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

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
		row("push: `orders/create` webhook's 200 to the `dashboard:update` frame counting it, first of the store's "
				+ SOCKETS_PER_STORE + " sockets, " + String.format("%,d", SOCKETS) + " open", pushes.first(), "", true);
		row("push: the same, last of the store's " + SOCKETS_PER_STORE + " sockets", pushes.last(),
				"P95 < " + (int) PUSH_P95_TARGET_MS + " ms", pushes.last().p95() < PUSH_P95_TARGET_MS);
		row("loopback echo: a frame on each of " + SOCKETS_PER_STORE + " sockets and back, first echo, " + SOCKETS
				+ " open", echoes.first(), "", true);
		row("loopback echo: the same, last echo", echoes.last(), "", true);
		System.out.printf("%nPush sockets: %s.%nEcho sockets: %s.%n", pushes.fleet(), echoes.fleet());
		System.out.printf("%nThe load generator sent its requests at most %.1f ms behind their schedule. System load"
				+ " average (1 min) on %d processors: %.1f before the API run, %.1f after the pushes.%n%n",
				api.senderLagMillis(), Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);

		BenchmarkTable.add(BenchmarkTable.Row
			.of("dashboard API P50 / P95 / P99, " + REQUESTS_PER_SECOND + " reads/s over " + String.format("%,d", STORES)
					+ " stores (in-process generator, " + String.format("%.0f", api.senderLagMillis()) + " ms behind)",
					api.percentiles(), "ms")
			.target("P95 < " + (int) API_P95_TARGET_MS + " ms", api.p95() < API_P95_TARGET_MS));
		BenchmarkTable.add(BenchmarkTable.Row
			.of("push P50 / P95 / P99, webhook's 200 to the frame on the last of the store's " + SOCKETS_PER_STORE
					+ " sockets (first: " + pushes.first().percentiles() + " ms), " + String.format("%,d", SOCKETS) + " open sockets over "
					+ String.format("%,d", STORES) + " stores, " + ORDERED_STORES + " orders (" + pushes.missed()
					+ " frames missed)", pushes.last().percentiles(), "ms")
			.against("loopback WebSocket echo on " + SOCKETS_PER_STORE + " of " + String.format("%,d", SOCKETS) + " sockets, to the last: "
					+ echoes.last().percentiles() + " ms", pushes.last().p95() / echoes.last().p95())
			.target("P95 < " + (int) PUSH_P95_TARGET_MS + " ms", pushes.last().p95() < PUSH_P95_TARGET_MS));

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
		assertThat(pushes.missed()).as("sockets that got no frame counting their store's order within " + PUSH_TIMEOUT)
			.isZero();
		assertThat(pushes.last().errors()).as("orders whose push failed").isZero();
		assertThat(echoes.missed()).as("echoes that did not come back within " + PUSH_TIMEOUT).isZero();
	}

	/** 1,000 synced stores, the first {@value #ORDERED_STORES} of them shops in the simulator, and their orders. */
	private Seed seed() {
		StoreSeeds seeds = new StoreSeeds(this.context);
		List<ZoneId> awayFromMidnight = ZONES.stream().filter(DashboardBenchmark::farFromMidnight).toList();
		long started = System.nanoTime();
		List<BenchStore> stores = new ArrayList<>(STORES);
		for (int i = 0; i < STORES; i++) {
			boolean ordered = i < ORDERED_STORES;
			ZoneId zone = ordered ? awayFromMidnight.get(i % awayFromMidnight.size()) : ZONES.get(i % ZONES.size());
			String shop = ordered ? this.simulator.newShop("bench-live", zone, 1, 0)
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
			this.jdbc.sql(SEED_MINUTES).param("stores", batch).update();
		}
		// what autovacuum would have done by the time a database holds this much: no insert-triggered vacuum under load
		this.jdbc.sql("vacuum analyze shop_order, sales_hourly, sales_minutely").update();
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
	 * Opens {@value #SOCKETS_PER_STORE} JSON sockets on every store, as embedded pages do (they open right before the
	 * orders, and renew their tokens as pages do), then places an order in each of the first {@value #ORDERED_STORES}
	 * stores, {@value #ORDERS_PER_SECOND} a second in random order, delivers its {@code orders/create} as Shopify would
	 * and times the frames that count it on the store's sockets from the webhook's 200.
	 */
	private FanOut pushOrders(List<BenchStore> stores, Random random) throws Exception {
		List<BenchStore> ordered = new ArrayList<>(stores.subList(0, ORDERED_STORES));
		Collections.shuffle(ordered, random);
		Webhooks webhooks = new Webhooks(this.port);
		try (SocketFleet.Remote fleet = SocketFleet.Remote.start(true, this.port, shops(stores), SOCKETS_PER_STORE,
				PUSH_TIMEOUT)) {
			SocketFleet.Opened opened = opened(fleet);
			double serverSockets = this.context.getBean(MeterRegistry.class).get("metricsdash.live.sockets").gauge().value();
			assertThat(serverSockets).as("sockets the app holds").isEqualTo(SOCKETS);
			return fanOut(fleet, opened, ordered, (store, i) -> {
				CompletableFuture<SocketFleet.Arrival> arrival = fleet.expect(store.id());
				String shop = store.shop();
				long orderId = this.simulator.placeOrder(shop, new Random(i));
				int status = webhooks.deliver("orders/create", shop, UUID.randomUUID().toString(),
						this.simulator.orderPayload(shop, orderId));
				long answered = System.nanoTime();
				if (status != 200) {
					throw new IllegalStateException("The webhook of " + shop + " was answered " + status);
				}
				return new Timed(answered, arrival.get(PUSH_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS));
			});
		}
	}

	/**
	 * The reference: as many sockets on {@link LoopbackEcho}, grouped as the stores' are, and for as many groups at the
	 * same rate as the orders, a frame sent on each socket of the group at once, timed until the echoes are back.
	 */
	private FanOut echoes(List<BenchStore> stores, Random random) throws Exception {
		List<BenchStore> groups = new ArrayList<>(stores);
		Collections.shuffle(groups, random);
		try (SocketFleet.Remote fleet = SocketFleet.Remote.start(false, this.port, shops(stores), SOCKETS_PER_STORE,
				PUSH_TIMEOUT)) {
			SocketFleet.Opened opened = opened(fleet);
			return fanOut(fleet, opened, groups.subList(0, ORDERED_STORES), (group, i) -> {
				SocketFleet.Arrival arrival = fleet.echo(group.id())
					.get(PUSH_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
				return new Timed(arrival.sent(), arrival);
			});
		}
	}

	private SocketFleet.Opened opened(SocketFleet.Remote fleet) throws Exception {
		SocketFleet.Opened opened = fleet.opened(OPEN_WITHIN);
		assertThat(opened.opened()).as("sockets opened (see " + fleet.log() + ")").isEqualTo(SOCKETS);
		System.gc();
		Runtime runtime = Runtime.getRuntime();
		System.out.printf("%,d sockets opened in %.1f s; heap after a collection: %,d MiB here (app and test), %,d MiB"
				+ " in the fleet%n", opened.opened(), opened.seconds(),
				(runtime.totalMemory() - runtime.freeMemory()) >> 20, opened.heapMiB());
		fleet.stats();
		return opened;
	}

	/**
	 * Runs the step for each target, {@value #ORDERS_PER_SECOND} a second, and times the first and the last of each
	 * target's sockets from the step's start; a socket that got nothing is missed, and its target's last is left out.
	 * An arrival before the start (a frame that overtook the webhook's answer) counts as 0.
	 */
	private FanOut fanOut(SocketFleet.Remote fleet, SocketFleet.Opened opened, List<BenchStore> targets, Step step)
			throws Exception {
		ScheduledExecutorService senders = Executors.newScheduledThreadPool(16);
		List<Future<Timed>> runs = new ArrayList<>(targets.size());
		for (int i = 0; i < targets.size(); i++) {
			BenchStore target = targets.get(i);
			int n = i;
			runs.add(senders.schedule(() -> step.run(target, n), i * TimeUnit.SECONDS.toNanos(1) / ORDERS_PER_SECOND,
					TimeUnit.NANOSECONDS));
		}
		List<Long> first = new ArrayList<>();
		List<Long> last = new ArrayList<>();
		int errors = 0;
		int missed = 0;
		for (Future<Timed> run : runs) {
			try {
				Timed timed = run.get();
				SocketFleet.Arrival arrival = timed.arrival();
				missed += arrival.sockets() - arrival.received();
				if (arrival.received() > 0) {
					first.add(Math.max(0, arrival.first() - timed.start()));
				}
				if (arrival.complete()) {
					last.add(Math.max(0, arrival.last() - timed.start()));
				}
			}
			catch (ExecutionException ex) {
				System.out.println("Failed: " + ex.getCause());
				errors++;
			}
		}
		senders.shutdown();
		String fleetSide = String.format("%,d opened in %.1f s, fleet heap %,d MiB; meanwhile %s", opened.opened(),
				opened.seconds(), opened.heapMiB(), fleet.stats());
		return new FanOut(Latencies.of(first.stream().mapToLong(Long::longValue).toArray(), errors + missed, 0),
				Latencies.of(last.stream().mapToLong(Long::longValue).toArray(), errors + missed, 0), missed, fleetSide);
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

	/** A session token of the store's shop, as App Bridge hands one to an embedded page. */
	private static String token(BenchStore store) {
		return SessionTokens.ofPage(store.shop(), 0, Webhooks.SECRET);
	}

	/** Whether the zone's local midnight, where "today" starts again, is more than 20 minutes away. */
	private static boolean farFromMidnight(ZoneId zone) {
		return LocalTime.now(zone).isBefore(LocalTime.of(23, 40));
	}

	private static Map<UUID, String> shops(List<BenchStore> stores) {
		Map<UUID, String> shops = new LinkedHashMap<>();
		stores.forEach((store) -> shops.put(store.id(), store.shop()));
		return shops;
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
				run.errors(), run.p50(), run.p95(), run.p99(), run.max(), target, target.isEmpty() ? "" : met ? "pass" : "MISSED");
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private record BenchStore(UUID id, String shop, ZoneId zone) {
	}

	/** What is timed for one target: it is given its number in the run, and says its start and the arrival. */
	@FunctionalInterface
	private interface Step {

		Timed run(BenchStore target, int number) throws Exception;

	}

	/** An arrival at a target's sockets, and the {@link System#nanoTime} it is timed from. */
	private record Timed(long start, SocketFleet.Arrival arrival) {
	}

	/**
	 * Latencies to the first and to the last of each target's sockets (errors: failed steps and missed frames), the
	 * frames missed, and what the fleet saw.
	 */
	private record FanOut(Latencies first, Latencies last, int missed, String fleet) {
	}

	private record Seed(List<BenchStore> stores, long orders, long rollups, long storesTook, long ordersTook,
			long rollupsTook) {
	}

	/** The highest rate met, and the P95s (ms) of the dashboard and of liveness at it; zeros when none was met. */
	private record Capacity(int readsPerSecond, double p95, double livenessP95) {
	}

}
