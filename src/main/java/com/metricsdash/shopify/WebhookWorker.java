package com.metricsdash.shopify;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the webhook inbox in batches: a worker takes a few shops with deliveries due, each under a lock no other
 * worker of any instance can hold at the same time, claims up to {@link WebhookProperties#batchSize} of their due
 * deliveries in a transaction, cuts them into each shop's runs ({@link ShopifyWebhooks}) and applies them, the runs
 * of different shops together; when one fails, the batch rolls back and is taken again with every run inside a
 * savepoint, so a handler that fails leaves no half-applied change. One shop's changes are applied by one worker at a
 * time, and different shops' by {@link WebhookProperties#workers} threads (per instance) in parallel.
 * <p>
 * A run that fails in its savepoint is taken apart and each of its deliveries applied alone, so only the one at fault
 * waits. That one is parked with its reason at once when its payload cannot be read (not JSON, or a handler finds no
 * id, a bad number or time, or a shape it does not know, see {@link #unreadablePayload}), since the same bytes fail
 * the same way every time; otherwise, as a failure of the database or of Shopify's API may pass, it is retried with
 * backoff and parked only after {@value #MAX_ATTEMPTS} attempts.
 * <p>
 * The intake wakes the worker as soon as it has stored a delivery, so an order reaches the dashboard in milliseconds
 * rather than at the next poll: a shop that a drain of this instance has taken wakes that drain, any other shop a
 * worker; the poll remains for what no wake announces: deliveries stored by other instances,
 * retries that fall due, and whatever was left when an instance stopped. Wakes and polls that come while a drain is
 * waiting to start are merged into it.
 * <p>
 * When the instance shuts down, after its web server has stopped taking deliveries, no new batch starts and the
 * batches being applied are let finish and commit, for at most {@link #STOP_WAIT}; what is left in the inbox is
 * drained by another instance, or by this one after its next start. Only a batch still running after that is
 * interrupted, and its transaction rolls back, leaving its deliveries due.
 */
@Component
class WebhookWorker implements SmartLifecycle, DisposableBean {

	static final int MAX_ATTEMPTS = 8;

	/** How many shops a batch takes at most. */
	static final int SHOPS_PER_BATCH = 16;

	/**
	 * How long a drain takes its batches from the shops it last found due before it looks again: finding them costs a
	 * probe per shop with deliveries pending, each walking the entries that applied deliveries left in the index of
	 * pending ones until a vacuum, and it was the statement PostgreSQL spent most on with 100 stores selling at once
	 * (the ingest benchmark, with a batch every 30 ms). A shop that falls due meanwhile waits no longer than this, and
	 * not at all while a worker is free: the intake's wake starts a drain that looks at once.
	 */
	static final Duration LOOK_AGAIN = Duration.ofMillis(200);

	/**
	 * How long a drain waits before its next batch when its last one was small (took fewer deliveries than a quarter
	 * of a batch), so that a steady stream of deliveries (a flash sale) is applied in batches of what arrives
	 * meanwhile rather than of the one or two stored while the last batch was applied: each batch costs its
	 * statements, its events and its announcements however few orders it holds, and in the ingest benchmark at 700
	 * deliveries a second, with batches of 5, PostgreSQL took 0.7 of the two cores. Only deliveries that arrive while
	 * a drain applies wait for it: one that finds a worker idle is taken at once; and a batch of a quarter or more
	 * already shares its cost widely, so a flood or a backlog is taken without a pause (a batch of 200 takes 100 to
	 * 200 ms to apply: waiting 20 ms after each would take a tenth or more of a one-store flood's worker).
	 */
	static final Duration GATHER = Duration.ofMillis(20);

	/** How long a shutdown waits for the batches being applied; a batch of 250 takes well under a second. */
	static final Duration STOP_WAIT = Duration.ofSeconds(10);

	/**
	 * After the web server has stopped ({@code SmartLifecycle.DEFAULT_PHASE - 2048}), so that no delivery stored while
	 * shutting down waits for a wake that no longer comes: lower phases stop later.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	/**
	 * The topics about the shop's relationship with the app rather than its data: each of their deliveries is a run
	 * of its own.
	 */
	private static final Set<String> ALONE = Set.of(WebhookTopic.APP_UNINSTALLED.header(), "shop/redact",
			"customers/redact", "customers/data_request");

	private static final Logger logger = LoggerFactory.getLogger(WebhookWorker.class);

	private final WebhookInbox inbox;

	private final ApplicationEventPublisher events;

	private final ObjectMapper json;

	private final Clock clock;

	private final int batchSize;

	private final TransactionTemplate batch;

	private final TransactionTemplate run;

	private final int workers;

	/** The workers' threads; made anew when the instance starts again after a stop (a paused test context does). */
	private volatile ExecutorService drains;

	/** Whether a drain is waiting to start, which picks up every delivery stored until it does. */
	private final AtomicBoolean drainWaiting = new AtomicBoolean();

	/**
	 * The shops this instance's drains have taken, each with the last drain to take it, which looks at it again
	 * before it ends: from its first batch of the shop until the drain ends, the gaps between its transactions
	 * included.
	 */
	private final Map<String, Drain> held = new ConcurrentHashMap<>();

	/** Whether the instance is shutting down: a drain then applies no further batch. */
	private volatile boolean stopping;

	private volatile boolean running;

	private final Counter applied;

	private final Counter allHeld;

	private final Counter nothingDue;

	WebhookWorker(WebhookInbox inbox, ApplicationEventPublisher events, ObjectMapper json, Clock clock,
			PlatformTransactionManager transactions, WebhookProperties properties, MeterRegistry meters) {
		this.inbox = inbox;
		this.events = events;
		this.json = json;
		this.clock = clock;
		this.batchSize = properties.batchSize();
		this.batch = new TransactionTemplate(transactions);
		this.run = new TransactionTemplate(transactions);
		this.run.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.workers = properties.workers();
		this.drains = Executors.newFixedThreadPool(this.workers, daemonThreads());
		this.applied = batches("applied", "claimed deliveries and applied them", meters);
		this.allHeld = batches("held", "found every shop with deliveries due held by another worker", meters);
		this.nothingDue = batches("none", "found no delivery due", meters);
	}

	private static Counter batches(String outcome, String description, MeterRegistry meters) {
		return Counter.builder("metricsdash.webhooks.batches")
			.tag("outcome", outcome)
			.description("Batches this instance's webhook workers started that " + description)
			.register(meters);
	}

	/**
	 * Drains the shop's deliveries soon; called by the intake once one has been stored (and committed). A shop that a
	 * worker of this instance holds is left to it: its drain takes one more batch at least. Another worker would only
	 * find the shop held, and a flash sale on one store would cost a wasted transaction per delivery.
	 */
	void wake(String shop) {
		Drain holder = this.held.get(shop);
		if (holder != null) {
			holder.woken.set(true);
			// still its holder after the mark: the drain sees the mark when it ends, since it lets go of the shop first
			if (this.held.get(shop) == holder) {
				return;
			}
		}
		wake();
	}

	/**
	 * Drains the inbox soon, on a worker's thread; called by the poll, and for a shop no worker of this instance holds.
	 * A wake while every worker drains waits for the first to finish.
	 */
	@Scheduled(fixedDelayString = "${metricsdash.webhooks.poll-interval:200ms}")
	void wake() {
		if (this.drainWaiting.compareAndSet(false, true)) {
			try {
				this.drains.execute(() -> {
					this.drainWaiting.set(false);
					try {
						drain();
					}
					catch (RuntimeException ex) {
						logger.warn("Draining the webhook inbox failed; the next poll tries again", ex);
					}
				});
			}
			catch (RejectedExecutionException ex) {
				logger.debug("The webhook worker has stopped; the inbox is drained after the next start");
			}
		}
	}

	@Override
	public void start() {
		if (this.drains.isShutdown()) {
			this.drains = Executors.newFixedThreadPool(this.workers, daemonThreads());
		}
		this.drainWaiting.set(false);
		this.stopping = false;
		this.running = true;
	}

	/** Lets the batches being applied commit, for at most {@link #STOP_WAIT}, and starts none after them. */
	@Override
	public void stop() {
		this.stopping = true;
		this.running = false;
		this.drains.shutdown();
		try {
			if (!this.drains.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("The webhook worker's batches did not finish within {}; interrupting them, their "
						+ "deliveries stay due", STOP_WAIT);
				this.drains.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			this.drains.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** A context that never started (or whose stop was cut short) leaves no thread behind. */
	@Override
	public void destroy() {
		this.drains.shutdownNow();
	}

	/**
	 * Processes every delivery that is due, batch by batch, until there is none or the instance shuts down, after a
	 * small batch waiting {@link #GATHER} for more to arrive; then looks once more if a shop it took was woken
	 * meanwhile.
	 */
	private void drain() {
		Drain drain = new Drain();
		do {
			try {
				while (!this.stopping && batch(drain)) {
					if (drain.gathers(this.batchSize)) {
						LockSupport.parkNanos(GATHER.toNanos());
					}
				}
			}
			finally {
				drain.shops.forEach((shop) -> this.held.remove(shop, drain));
				drain.shops.clear();
			}
		}
		while (!this.stopping && drain.woken.getAndSet(false));
	}

	/**
	 * Applies a batch, first straight in the batch's transaction, the first run of each of its shops together (one
	 * event, so that their orders go in one statement per kind of row, however many shops they are of), then the
	 * second runs, if any, and so on; when that fails, the whole batch rolls back and is taken again with each run in
	 * a savepoint of its own ({@link #apply}), which sets the one at fault apart. Failures are rare, and statements
	 * per shop are not cheap: with 100 stores selling at once, a batch holds a run or two of each of its 16 shops.
	 */
	private boolean batch(Drain drain) {
		boolean more;
		try {
			more = Boolean.TRUE.equals(this.batch.execute((status) -> processBatch(drain, false)));
		}
		catch (RuntimeException ex) {
			logger.debug("A batch failed; taking it again with a savepoint for each run", ex);
			more = Boolean.TRUE.equals(this.batch.execute((status) -> processBatch(drain, true)));
		}
		drain.committed();
		return more;
	}

	/**
	 * Applies a batch of due deliveries of shops no other worker holds, which the drain records as it takes them;
	 * {@code false} when there was none. The shops
	 * whose deliveries waited longest come first, at most {@value #SHOPS_PER_BATCH} of them, so that when the inbox is
	 * deep a batch holds long runs of a few shops (one statement per kind of row pays off) rather than a delivery or
	 * two of every shop; the next batches take the shops found due then in turn, for {@link #LOOK_AGAIN}, and look
	 * again sooner when those have nothing left to take. A batch takes at most half of the shops due (one of one), so
	 * that another worker finds some to take instead of waiting. A worker never waits for a shop: when every shop due
	 * is held, its drain ends, and the holders' next batches take what is left.
	 */
	private boolean processBatch(Drain drain, boolean careful) {
		boolean looked = drain.mustLook(System.nanoTime());
		if (looked) {
			drain.looked(this.inbox.dueShops(4 * SHOPS_PER_BATCH), System.nanoTime());
		}
		List<String> due = drain.due();
		if (due.isEmpty()) {
			this.nothingDue.increment();
			return false;
		}
		List<String> shops = this.inbox.tryLockShops(due, Math.min(SHOPS_PER_BATCH, (due.size() + 1) / 2));
		for (String shop : shops) {
			drain.shops.add(shop);
			this.held.put(shop, drain);
		}
		List<WebhookInbox.Pending> claimed = shops.isEmpty() ? List.of() : this.inbox.claim(shops, this.batchSize);
		if (claimed.isEmpty()) {
			if (!looked) {
				// the shops found due a while ago are held or drained: the next batch looks again
				drain.forget();
				return true;
			}
			(shops.isEmpty() ? this.allHeld : this.nothingDue).increment();
			return false;
		}
		drain.taken(shops, claimed);
		Map<String, List<WebhookInbox.Pending>> byShop = new TreeMap<>();
		claimed.forEach((pending) -> byShop.computeIfAbsent(pending.shop(), (shop) -> new ArrayList<>()).add(pending));
		List<List<List<WebhookInbox.Pending>>> runsByShop = byShop.values().stream().map(WebhookWorker::runs).toList();
		int turns = runsByShop.stream().mapToInt(List::size).max().orElse(0);
		List<Long> done = new ArrayList<>();
		for (int turn = 0; turn < turns; turn++) {
			int current = turn;
			List<List<WebhookInbox.Pending>> runs = runsByShop.stream()
				.filter((shopRuns) -> shopRuns.size() > current)
				.map((shopRuns) -> shopRuns.get(current))
				.toList();
			if (careful) {
				runs.forEach((run) -> done.addAll(apply(run, true)));
			}
			else {
				done.addAll(apply(runs.stream().flatMap(List::stream).toList(), false));
			}
		}
		if (!done.isEmpty()) {
			this.inbox.done(done);
		}
		this.applied.increment();
		return true;
	}

	/** Cuts a shop's deliveries, in the order they were stored, into runs: each of {@link #ALONE} by itself. */
	private static List<List<WebhookInbox.Pending>> runs(List<WebhookInbox.Pending> deliveries) {
		List<List<WebhookInbox.Pending>> runs = new ArrayList<>();
		List<WebhookInbox.Pending> current = new ArrayList<>();
		for (WebhookInbox.Pending pending : deliveries) {
			if (ALONE.contains(pending.topic())) {
				if (!current.isEmpty()) {
					runs.add(current);
					current = new ArrayList<>();
				}
				runs.add(List.of(pending));
			}
			else {
				current.add(pending);
			}
		}
		if (!current.isEmpty()) {
			runs.add(current);
		}
		return runs;
	}

	/**
	 * Applies deliveries and returns the ids of those applied. Not {@code careful}, they are a run of each of several
	 * shops, applied in the batch's transaction, and any failure fails the batch, a body that is not JSON too;
	 * {@code careful}, they are one run: a delivery whose body is not JSON is parked first, once, and the rest are
	 * applied in a savepoint, and if that fails each of them alone.
	 */
	private List<Long> apply(List<WebhookInbox.Pending> deliveries, boolean careful) {
		List<WebhookInbox.Pending> readable = new ArrayList<>();
		List<ShopifyWebhook> webhooks = new ArrayList<>();
		for (WebhookInbox.Pending pending : deliveries) {
			try {
				webhooks.add(new ShopifyWebhook(pending.topic(), new ShopDomain(pending.shop()),
						this.json.readTree(pending.payload()), pending.webhookId(), pending.triggeredAt()));
				readable.add(pending);
			}
			catch (JacksonException ex) {
				if (!careful) {
					throw ex;
				}
				park(pending, "the body is not JSON: " + ex.getOriginalMessage());
			}
		}
		if (readable.isEmpty()) {
			return List.of();
		}
		ShopifyWebhooks event = new ShopifyWebhooks(webhooks);
		List<Long> ids = readable.stream().map(WebhookInbox.Pending::id).toList();
		if (!careful) {
			this.events.publishEvent(event);
			return ids;
		}
		try {
			this.run.executeWithoutResult((status) -> this.events.publishEvent(event));
			return ids;
		}
		catch (RuntimeException ex) {
			if (readable.size() > 1) {
				return readable.stream().flatMap((pending) -> apply(List.of(pending), true).stream()).toList();
			}
			failed(readable.get(0), ex);
			return List.of();
		}
	}

	private void failed(WebhookInbox.Pending pending, RuntimeException ex) {
		if (unreadablePayload(ex)) {
			park(pending, "the payload cannot be read: " + ex.getMessage());
		}
		else if (pending.attempts() + 1 >= MAX_ATTEMPTS) {
			park(pending, ex.toString());
		}
		else {
			Duration backoff = Duration.ofSeconds(Math.min(300, 1L << pending.attempts()));
			logger.warn("Webhook {} ({}) from {} failed, retrying in {}: {}", pending.webhookId(), pending.topic(),
					pending.shop(), backoff, ex.toString());
			this.inbox.retryLater(pending.id(), this.clock.instant().plus(backoff), ex.toString());
		}
	}

	/**
	 * Whether a handler failed on the payload itself: the payload readers refuse what they cannot read with an
	 * {@link IllegalArgumentException} (no id, a number that is none), a {@link DateTimeException} (a time that is none)
	 * or a {@link JacksonException} (a field of another shape than they read). The database and the Admin API fail
	 * otherwise ({@code DataAccessException}, {@link AdminApiException}), and their failures may pass.
	 */
	private static boolean unreadablePayload(RuntimeException ex) {
		return ex instanceof IllegalArgumentException || ex instanceof DateTimeException
				|| ex instanceof JacksonException;
	}

	private void park(WebhookInbox.Pending pending, String reason) {
		logger.error("Webhook {} ({}) from {} parked: {}", pending.webhookId(), pending.topic(), pending.shop(), reason);
		this.inbox.park(pending.id(), reason);
	}

	private static CustomizableThreadFactory daemonThreads() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("webhook-worker-");
		threads.setDaemon(true);
		return threads;
	}

	/**
	 * A worker's drain: the shops it has taken since it started; whether a delivery of one of them was stored since it
	 * last looked; the shops it found due when it last looked, in the order it takes them: those a batch took
	 * deliveries of go last once it commits, and those it found nothing of leave, so that each shop found due gets its
	 * turn before any gets a second one; and how many deliveries its last batch took.
	 */
	static final class Drain {

		final Set<String> shops = new HashSet<>();

		final AtomicBoolean woken = new AtomicBoolean();

		private final List<String> due = new ArrayList<>();

		private long lookedAt;

		/** The shops of the batch being applied, and whether it took deliveries of each. */
		private final Map<String, Boolean> taking = new LinkedHashMap<>();

		/** How many deliveries the last batch took. */
		private int claimed;

		/** Whether the next batch looks for the shops due: none is left of the last look, or it is too old. */
		boolean mustLook(long nanoTime) {
			return this.due.isEmpty() || nanoTime - this.lookedAt > LOOK_AGAIN.toNanos();
		}

		void looked(List<String> due, long nanoTime) {
			this.due.clear();
			this.due.addAll(due);
			this.lookedAt = nanoTime;
		}

		List<String> due() {
			return List.copyOf(this.due);
		}

		void forget() {
			this.due.clear();
			this.claimed = 0;
		}

		void taken(List<String> shops, List<WebhookInbox.Pending> claimed) {
			this.claimed = claimed.size();
			this.taking.clear();
			shops.forEach((shop) -> this.taking.put(shop, false));
			claimed.forEach((pending) -> this.taking.put(pending.shop(), true));
		}

		/** The batch committed: its shops go last, or leave when nothing of theirs was due. */
		void committed() {
			this.due.removeAll(this.taking.keySet());
			this.taking.forEach((shop, took) -> {
				if (took) {
					this.due.add(shop);
				}
			});
			this.taking.clear();
		}

		/**
		 * Whether to wait {@link #GATHER} before the next batch: the last took deliveries, but fewer than a quarter of
		 * a batch of {@code batchSize}.
		 */
		boolean gathers(int batchSize) {
			return this.claimed > 0 && 4 * this.claimed < batchSize;
		}

	}

}
