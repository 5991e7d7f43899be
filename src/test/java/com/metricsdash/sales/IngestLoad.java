package com.metricsdash.sales;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import com.metricsdash.shopify.ShopifyProperties;
import com.metricsdash.shopify.ShopifySignatures;
import com.metricsdash.testing.Latencies;
import com.metricsdash.testing.OpenLoop;
import com.metricsdash.testing.SessionTokens;
import com.metricsdash.testing.Webhooks;

/**
 * The load generator of {@link IngestBenchmark}, run in a process of its own so that its CPU is not the app's. For the
 * warm-up and then the measured time it sends signed {@code orders/create} deliveries of new orders, round robin over
 * the stores, either as fast as a fixed number of clients get answers or at a fixed rate (open loop, as Shopify sends
 * them: as orders are placed, whatever the app's answers do), each client retrying a 503 or 429 after its
 * {@code Retry-After} (and a failed request after a second) under the same webhook id, as Shopify does, until the
 * delivery is accepted; so every order it started is accepted once, with ids from {@code firstId} up. Meanwhile
 * another thread reads {@code GET /api/stores/{id}/dashboard} at a fixed rate ({@link OpenLoop}), each read by a random
 * open page of a random store, and another asks the liveness probe at {@value #FLOOR_PER_SECOND} a second: a request
 * that does nothing, whose latency on the same server and cores is the floor of any read's. When paced, up to
 * {@value #SOCKETS_PER_STORE} of a store's pages also hold their live sockets ({@link PushTimes}), which time every
 * order from its delivery's 200 to the frame that counts it.
 * <p>
 * Arguments: base URL, stores file (a line per store: id, shop domain, timezone), clients, deliveries per second (0:
 * as fast as answered), reads per second, warm-up seconds, measured seconds, first order id. Prints {@code MEASURING}
 * when the warm-up ends, {@code MEASURED} when the measured time ends (no order starts after it), and then one line
 * {@code RESULT key=value ...}.
 */
public final class IngestLoad {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	/** Threads that send the dashboard reads, so many reads at most waiting for their answers at once. */
	private static final int READERS = 64;

	/** The liveness probe's requests a second, few beside the reads, so that the floor they measure stays the reads'. */
	private static final int FLOOR_PER_SECOND = 20;

	/**
	 * The dashboard reads an open page makes a second, at most: the reads of a store are spread over as many pages,
	 * each with its own session token, as keep each page at that (many staff members watching one store's flash
	 * sale), and within the API's limit per token.
	 */
	private static final int READS_PER_PAGE = 2;

	/**
	 * A store's pages with a live socket open, at most: {@code DashboardBenchmark}'s, and well within the handshakes a
	 * store may make a minute ({@code metricsdash.limits.handshakes-per-store}).
	 */
	private static final int SOCKETS_PER_STORE = 10;

	/** How long the senders may take, after the measured time, to have every order they started accepted. */
	private static final Duration FINISH_WITHIN = Duration.ofMinutes(3);

	/** How long the pages' sockets may take, once every order was accepted, to have counted them all. */
	private static final Duration PUSHED_WITHIN = Duration.ofSeconds(30);

	private final String baseUrl;

	private final List<PushTimes.Watched> stores;

	private final long firstId;

	private final InetSocketAddress address;

	/**
	 * Each sender's and reader's connection. The JDK's {@link HttpClient} cost the generator about 1 ms of CPU a
	 * request, half a core at the rates measured here, which this 2-core machine then lacked for the app.
	 */
	private final ThreadLocal<PlainHttp> connections;

	private final AtomicLong nextId;

	/** How far behind its schedule a paced delivery was sent at most, in nanoseconds: a client free came late. */
	private final AtomicLong sendLag = new AtomicLong();

	/** Orders whose delivery was started: an id taken past the end of a schedule is never sent. */
	private final AtomicLong begun = new AtomicLong();

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong acceptedMeasured = new AtomicLong();

	private final AtomicLong full = new AtomicLong();

	private final AtomicLong limited = new AtomicLong();

	/** Answers other than 200, 503 and 429. */
	private final AtomicLong errors = new AtomicLong();

	/** Requests that got no answer: refused, reset or timed out. */
	private final AtomicLong unanswered = new AtomicLong();

	private volatile boolean measuring;

	private IngestLoad(String baseUrl, List<Store> stores, long firstId) {
		this.baseUrl = baseUrl;
		this.stores = stores.stream().map(PushTimes.Watched::new).toList();
		this.firstId = firstId;
		this.nextId = new AtomicLong(firstId);
		URI base = URI.create(baseUrl);
		this.address = new InetSocketAddress(base.getHost(), base.getPort());
		this.connections = ThreadLocal.withInitial(() -> new PlainHttp(this.address));
	}

	public static void main(String[] args) throws Exception {
		List<Store> stores = new ArrayList<>();
		for (String line : Files.readAllLines(Path.of(args[1]))) {
			String[] fields = line.split(" ");
			stores.add(new Store(UUID.fromString(fields[0]), fields[1], ZoneId.of(fields[2])));
		}
		int clients = Integer.parseInt(args[2]);
		int perSecond = Integer.parseInt(args[3]);
		int readsPerSecond = Integer.parseInt(args[4]);
		Duration warmUp = Duration.ofSeconds(Long.parseLong(args[5]));
		Duration measured = Duration.ofSeconds(Long.parseLong(args[6]));
		new IngestLoad(args[0], stores, Long.parseLong(args[7])).run(clients, perSecond, readsPerSecond, warmUp,
				measured);
	}

	private void run(int clients, int perSecond, int readsPerSecond, Duration warmUp, Duration measured)
			throws Exception {
		int pages = Math.max(1, readsPerSecond / (READS_PER_PAGE * this.stores.size()));
		PushTimes pushes = (perSecond > 0) ? new PushTimes(this.baseUrl, this.stores,
				Math.min(pages, SOCKETS_PER_STORE)) : null;
		long started = System.nanoTime();
		long measureFrom = started + warmUp.toNanos();
		long stopAt = measureFrom + measured.toNanos();
		if (pushes != null) {
			pushes.measure(measureFrom, stopAt);
		}
		List<Thread> senders = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			Thread sender = new Thread(() -> send(started, perSecond, stopAt), "ingest-" + i);
			sender.start();
			senders.add(sender);
		}
		Latencies[] reads = { Latencies.of(new long[0], 0, 0), Latencies.of(new long[0], 0, 0) };
		Random random = new Random(16);
		Thread reader = new Thread(() -> {
			if (readsPerSecond > 0) {
				reads[0] = openLoop(readsPerSecond, warmUp, measured, () -> readDashboard(
						this.stores.get(random.nextInt(this.stores.size())).store(), random.nextInt(pages)));
			}
		}, "reads");
		Thread floor = new Thread(() -> {
			if (readsPerSecond > 0) {
				reads[1] = openLoop(FLOOR_PER_SECOND, warmUp, measured, this::askLiveness);
			}
		}, "floor");
		reader.start();
		floor.start();
		pauseUntil(measureFrom);
		this.measuring = true;
		System.out.println("MEASURING");
		pauseUntil(stopAt);
		this.measuring = false;
		System.out.println("MEASURED");
		long deadline = System.nanoTime() + FINISH_WITHIN.toNanos();
		for (Thread sender : senders) {
			sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
		}
		reader.join();
		floor.join();
		long unfinished = senders.stream().filter(Thread::isAlive).count();
		Latencies dashboard = reads[0];
		Latencies pushed = Latencies.of(new long[0], 0, 0);
		if (pushes != null) {
			pushed = pushes.latencies(PUSHED_WITHIN);
		}
		System.out.printf(Locale.ROOT, "RESULT orders=%d firstId=%d accepted=%d acceptedMeasured=%d full=%d limited=%d"
				+ " errors=%d unanswered=%d unfinished=%d sendLagMs=%.2f reads=%d readErrors=%d p50=%.2f p95=%.2f"
				+ " p99=%.2f max=%.2f readLagMs=%.2f"
				+ " floorP50=%.2f floorP95=%.2f floorErrors=%d sockets=%d frames=%d socketErrors=%d pushes=%d"
				+ " unpushed=%d pushP50=%.2f pushP95=%.2f pushP99=%.2f cpuSeconds=%.2f%n", this.begun.get(),
				this.firstId, this.accepted.get(), this.acceptedMeasured.get(), this.full.get(), this.limited.get(),
				this.errors.get(), this.unanswered.get(), unfinished, this.sendLag.get() / 1e6,
				dashboard.samples(), dashboard.errors(), dashboard.p50(), dashboard.p95(), dashboard.p99(),
				dashboard.max(), dashboard.senderLagMillis(), reads[1].p50(), reads[1].p95(), reads[1].errors(),
				(pushes != null) ? pushes.sockets() : 0, (pushes != null) ? pushes.frames() : 0,
				(pushes != null) ? pushes.errors() : 0, pushed.samples(), pushed.errors(), pushed.p50(), pushed.p95(),
				pushed.p99(), cpuSeconds());
		System.out.flush();
		System.exit(unfinished == 0 ? 0 : 1);
	}

	/**
	 * One client: a new order at a time until {@code stopAt}, each delivered until it is accepted; with
	 * {@code perSecond} above 0, each order not before its turn in the schedule that starts at {@code started}.
	 */
	private void send(long started, int perSecond, long stopAt) {
		Random random = new Random(Thread.currentThread().getName().hashCode());
		while (System.nanoTime() < stopAt) {
			long id = this.nextId.getAndIncrement();
			if (perSecond > 0) {
				long due = started + (id - this.firstId) * TimeUnit.SECONDS.toNanos(1) / perSecond;
				if (due >= stopAt) {
					return;
				}
				pauseUntil(due);
				this.sendLag.accumulateAndGet(System.nanoTime() - due, Math::max);
			}
			this.begun.incrementAndGet();
			PushTimes.Watched store = this.stores.get((int) ((id - this.firstId) % this.stores.size()));
			byte[] body = orderCreated(id, store.store().zone(), Instant.now(), random).getBytes(StandardCharsets.UTF_8);
			deliver(store, UUID.randomUUID().toString(), body);
		}
	}

	/**
	 * Delivers until accepted, as Shopify retries: after Retry-After for a 503 or 429, after a second otherwise; over
	 * the sending thread's own kept-alive connection.
	 */
	private void deliver(PushTimes.Watched store, String webhookId, byte[] body) {
		String head = "POST /webhooks/shopify HTTP/1.1\r\nHost: " + this.address.getHostString() + "\r\n"
				+ "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
				+ "X-Shopify-Topic: orders/create\r\nX-Shopify-Shop-Domain: " + store.store().shop() + "\r\n"
				+ "X-Shopify-API-Version: " + ShopifyProperties.PINNED_API_VERSION + "\r\n"
				+ "X-Shopify-Webhook-Id: " + webhookId + "\r\nX-Shopify-Event-Id: " + UUID.randomUUID() + "\r\n"
				+ "X-Shopify-Triggered-At: " + Instant.now() + "\r\n"
				+ "X-Shopify-Hmac-Sha256: " + ShopifySignatures.signWebhook(Webhooks.SECRET, body) + "\r\n\r\n";
		while (true) {
			long retryAfterMillis = 1000;
			try {
				PlainHttp.Answer answer = this.connections.get().exchange(head, body);
				if (answer.status() == 200) {
					store.accepted(System.nanoTime());
					this.accepted.incrementAndGet();
					if (this.measuring) {
						this.acceptedMeasured.incrementAndGet();
					}
					return;
				}
				if (answer.status() == 503 || answer.status() == 429) {
					(answer.status() == 503 ? this.full : this.limited).incrementAndGet();
					retryAfterMillis = answer.retryAfterSeconds() * 1000;
				}
				else {
					this.errors.incrementAndGet();
				}
			}
			catch (IOException ex) {
				this.unanswered.incrementAndGet();
				this.connections.get().close();
			}
			pauseUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(retryAfterMillis));
		}
	}

	/**
	 * Sends {@code request} at a fixed rate, each on one of {@value #READERS} threads with a connection of their own (the
	 * JDK's client had cost the generator half a core at 200 reads/s).
	 */
	private Latencies openLoop(int perSecond, Duration warmUp, Duration measured, BooleanSupplier request) {
		ExecutorService readers = Executors.newFixedThreadPool(READERS);
		try {
			return OpenLoop.runActions(perSecond, warmUp, measured,
					(i) -> CompletableFuture.supplyAsync(request::getAsBoolean, readers));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			readers.shutdownNow();
		}
	}

	/** The liveness probe, answered well when 200. */
	private boolean askLiveness() {
		return get("/actuator/health/liveness", "", (answer) -> answer.status() == 200);
	}

	/** A dashboard read by one of the store's open pages, answered well when 200 with the store's figures. */
	private boolean readDashboard(Store store, int page) {
		return get("/api/stores/" + store.id() + "/dashboard",
				"Authorization: Bearer " + SessionTokens.ofPage(store.shop(), page, Webhooks.SECRET) + "\r\n",
				(answer) -> answer.status() == 200 && answer.body().contains(store.id().toString()));
	}

	/**
	 * A GET of JSON on the thread's connection, with {@code headers} (each ending in CRLF) besides; whether it was
	 * answered well, and not when it got no answer, its connection then closed for the next request to open another.
	 */
	private boolean get(String path, String headers, Predicate<PlainHttp.Answer> good) {
		String head = "GET " + path + " HTTP/1.1\r\nHost: " + this.address.getHostString()
				+ "\r\nAccept: application/json\r\n" + headers + "\r\n";
		try {
			return good.test(this.connections.get().exchange(head, new byte[0]));
		}
		catch (IOException ex) {
			this.connections.get().close();
			return false;
		}
	}

	/**
	 * An {@code orders/create} body as Shopify (and the simulator) shape it: a paid order placed now, of two lines (one
	 * and two pieces) with line ids derived from the order's, and a customer, whom the intake strips.
	 */
	static String orderCreated(long id, ZoneId zone, Instant at, Random random) {
		String stored = orderStored(id, zone, at, random);
		return stored.substring(0, stored.length() - 1)
				+ ",\"customer\":{\"first_name\":\"Ada\",\"last_name\":\"Byron\",\"email\":\"ada.byron@example.com\"}}";
	}

	/** The body of {@link #orderCreated} as the intake stores it: without the customer. */
	static String orderStored(long id, ZoneId zone, Instant at, Random random) {
		String time = TIME.format(at.atZone(zone));
		BigDecimal first = BigDecimal.valueOf(500 + random.nextInt(9_500), 2);
		BigDecimal second = BigDecimal.valueOf(500 + random.nextInt(4_500), 2);
		BigDecimal total = first.add(second.multiply(BigDecimal.valueOf(2)));
		String money = "{\"shop_money\":{\"amount\":\"" + total + "\",\"currency_code\":\"USD\"},"
				+ "\"presentment_money\":{\"amount\":\"" + total + "\",\"currency_code\":\"USD\"}}";
		return "{\"id\":" + id + ",\"admin_graphql_api_id\":\"gid://shopify/Order/" + id + "\",\"name\":\"#" + id
				+ "\",\"created_at\":\"" + time + "\",\"processed_at\":\"" + time + "\",\"updated_at\":\"" + time
				+ "\",\"cancelled_at\":null,\"test\":false,\"currency\":\"USD\",\"total_price\":\"" + total
				+ "\",\"current_total_price\":\"" + total + "\",\"total_price_set\":" + money
				+ ",\"current_total_price_set\":" + money + ",\"financial_status\":\"paid\",\"line_items\":["
				+ lineItem(id * 2, 1, first) + "," + lineItem(id * 2 + 1, 2, second) + "],\"refunds\":[]}";
	}

	private static String lineItem(long id, int quantity, BigDecimal price) {
		long variant = 40_000 + id % 150;
		return "{\"id\":" + id + ",\"admin_graphql_api_id\":\"gid://shopify/LineItem/" + id + "\",\"variant_id\":"
				+ variant + ",\"product_id\":" + (variant / 3) + ",\"sku\":\"SKU-" + variant
				+ "\",\"title\":\"Bench item\",\"quantity\":" + quantity + ",\"current_quantity\":" + quantity
				+ ",\"price\":\"" + price + "\"}";
	}

	private static double cpuSeconds() {
		return (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
				? os.getProcessCpuTime() / 1e9 : Double.NaN;
	}

	private static void pauseUntil(long nanoTime) {
		long wait;
		while ((wait = nanoTime - System.nanoTime()) > 0) {
			java.util.concurrent.locks.LockSupport.parkNanos(wait);
		}
	}

	/** A store to send deliveries for and read the dashboard of. */
	record Store(UUID id, String shop, ZoneId zone) {
	}

}
