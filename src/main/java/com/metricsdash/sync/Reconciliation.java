package com.metricsdash.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.metricsdash.inventory.CatalogPayloads;
import com.metricsdash.sales.OrderLedger;
import com.metricsdash.sales.OrderPayloads;
import com.metricsdash.shop.ReconnectRequiredException;
import com.metricsdash.shop.StoreAdminApi;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.AdminDocument;
import com.metricsdash.shopify.BulkRecord;
import com.metricsdash.shopify.WebhookTopic;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Repairs what webhooks missed: on a schedule, one runner across all instances, several stores at a time (each waits
 * mostly for its own store's API budget), subscribes each store again to the webhook topics Shopify dropped (it
 * deletes a subscription after 8 failed deliveries in a row), then re-reads every order updated since the store's
 * last pass (its first pass: since its initial sync's export of orders started, not the 60 days that export has just
 * read; with an overlap for late writes) with all its line items, and every variant with its tracking and its stock
 * at every location, and applies them through the same idempotent paths as webhooks, which change only what differs.
 * Each pass is recorded, so the store page can say when the data was last verified and what was corrected.
 * <p>
 * The lock is held for at least one interval from the start of a pass: every instance schedules the pass on its own
 * clock, so without it a second instance would run it again as soon as the first one finished, and N instances would
 * reconcile N times per interval.
 */
@Service
class Reconciliation implements DisposableBean {

	/** Re-read a little before the last pass, for writes that landed late at Shopify. */
	static final Duration OVERLAP = Duration.ofMinutes(10);

	/** How long a stop waits for the passes it interrupted to record their end. */
	static final int STOP_WAIT_SECONDS = 10;

	private static final Logger logger = LoggerFactory.getLogger(Reconciliation.class);

	private final AdminDocument ordersPage = AdminDocument.load("ordersPage");

	private final Stores stores;

	private final StoreAdminApi api;

	private final OrderLedger ledger;

	private final ProductsImport products;

	private final ReconciliationRuns runs;

	private final SyncPhases phases;

	private final OrdersImport orders;

	private final Clock clock;

	private final ThreadPoolTaskExecutor passes = new ThreadPoolTaskExecutor();

	Reconciliation(Stores stores, StoreAdminApi api, OrderLedger ledger, ProductsImport products,
			ReconciliationRuns runs, SyncPhases phases, OrdersImport orders, Clock clock, SyncProperties properties) {
		this.stores = stores;
		this.api = api;
		this.ledger = ledger;
		this.products = products;
		this.runs = runs;
		this.phases = phases;
		this.orders = orders;
		this.clock = clock;
		this.passes.setCorePoolSize(properties.concurrentReconciliations());
		this.passes.setThreadNamePrefix("reconcile-");
		this.passes.setAllowCoreThreadTimeOut(true);
		this.passes.setAwaitTerminationSeconds(STOP_WAIT_SECONDS);
		this.passes.initialize();
	}

	@Scheduled(fixedDelayString = "${metricsdash.reconciliation.interval:15m}",
			initialDelayString = "${metricsdash.reconciliation.interval:15m}")
	@SchedulerLock(name = "reconciliation", lockAtMostFor = "30m",
			lockAtLeastFor = "${metricsdash.reconciliation.interval:15m}")
	void reconcileAll() {
		reconcileEach(this.stores.synced());
	}

	/**
	 * Reconciles the stores, {@link SyncProperties#concurrentReconciliations} at a time, and returns when every one is
	 * done (or the instance stops), saying in a line how many were verified and how long the pass took, which an
	 * operator compares with the interval. One that fails is logged in full and taken again by the next pass. One
	 * whose tokens Shopify refuses is said in a line instead: the refusal is logged where it happens, it is no fault of
	 * the app's, and the store is marked for reconnecting, which leaves it out of the passes until its owner
	 * reconnects it.
	 */
	void reconcileEach(List<StoreRef> stores) {
		Instant started = this.clock.instant();
		AtomicInteger verified = new AtomicInteger();
		List<Callable<Void>> each = stores.stream().<Callable<Void>>map((store) -> () -> {
			if (reconcileLogged(store)) {
				verified.incrementAndGet();
			}
			return null;
		}).toList();
		try {
			for (Future<Void> pass : this.passes.getThreadPoolExecutor().invokeAll(each)) {
				// only an Error gets this far (reconcileLogged logs the rest): the scheduler's handler logs it, as
				// it did when the passes ran on its own thread
				pass.get();
			}
			logger.info("Reconciliation verified {} of {} stores in {} s", verified.get(), stores.size(),
					Duration.between(started, this.clock.instant()).toSeconds());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (CancellationException ex) {
			logger.debug("Reconciliation stopped with the instance; the next pass takes the stores left");
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A store's reconciliation failed", ex.getCause());
		}
	}

	/** Reconciles the store; {@code false} when that failed or was under way already (and was logged). */
	private boolean reconcileLogged(StoreRef store) {
		try {
			if (reconcile(store).isPresent()) {
				return true;
			}
			logger.info("Reconciliation of {} left to its pass already under way", store.shop());
		}
		catch (ReconnectRequiredException ex) {
			logger.info("Reconciliation of {} stopped: {}", store.shop(), ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.warn("Reconciliation of {} failed; the next pass tries again", store.shop(), ex);
		}
		return false;
	}

	/**
	 * Stops the stores' passes under way, interrupting their waits, and gives them {@value #STOP_WAIT_SECONDS} s to
	 * record their end while the database is still there: a run left open keeps its store from the passes for
	 * {@link ReconciliationRuns#ABANDONED_AFTER}. The next pass, on any instance, takes the stores.
	 */
	@Override
	public void destroy() {
		this.passes.shutdown();
	}

	/**
	 * One pass over one store; none, and empty, while another pass over it is under way, on this instance or another
	 * ({@link ReconciliationRuns#start}).
	 */
	Optional<ReconciliationRuns.Run> reconcile(StoreRef store) {
		Instant started = this.clock.instant();
		Instant since = this.runs.latest(store.id())
			.map(ReconciliationRuns.Run::startedAt)
			.or(() -> this.phases.completedFrom(store.id(), SyncPhase.ORDERS))
			.orElse(started.minus(OrdersImport.HISTORY))
			.minus(OVERLAP)
			.truncatedTo(ChronoUnit.SECONDS);
		return this.runs.start(store.id(), since, started).map((runId) -> reconcile(store, runId, since, started));
	}

	private ReconciliationRuns.Run reconcile(StoreRef store, long runId, Instant since, Instant started) {
		AtomicInteger ordersChecked = new AtomicInteger();
		AtomicInteger ordersRepaired = new AtomicInteger();
		AtomicInteger inventoryChecked = new AtomicInteger();
		AtomicInteger inventoryRepaired = new AtomicInteger();
		try {
			List<WebhookTopic> restored = this.api.restoreWebhooks(store.id());
			if (!restored.isEmpty()) {
				logger.warn("{} had lost its webhook subscriptions to {}; subscribed again", store.shop(), restored);
			}
			this.api.forEachNode(store.id(), this.ordersPage,
					Map.of("query", "updated_at:>=" + since, "first", OrdersImport.PAGE_SIZE), "orders", (order) -> {
						ordersChecked.incrementAndGet();
						BulkRecord record = this.orders.fromPage(store, order);
						if (this.ledger.apply(store, OrderPayloads.fromGraphql(record.root(), record.descendants()))) {
							ordersRepaired.incrementAndGet();
						}
					});
			this.api.forEachNode(store.id(), CatalogPayloads.CATALOG_PAGE, Map.of(), "productVariants", (variant) -> {
				BulkRecord record = this.products.fromPage(store, variant);
				inventoryChecked.addAndGet(record.descendants().size());
				inventoryRepaired.addAndGet(this.products.applyChanges(store, List.of(record)));
			});
			var run = new ReconciliationRuns.Run(started, ordersChecked.get(), ordersRepaired.get(), inventoryChecked.get(),
					inventoryRepaired.get());
			this.runs.finish(runId, run, this.clock.instant(), null);
			if (run.repaired() > 0) {
				logger.info("Reconciliation of {} corrected {} orders and {} stock levels", store.shop(),
						run.ordersRepaired(), run.inventoryRepaired());
			}
			return run;
		}
		catch (RuntimeException ex) {
			this.runs.finish(runId, new ReconciliationRuns.Run(started, ordersChecked.get(), ordersRepaired.get(),
					inventoryChecked.get(), inventoryRepaired.get()), this.clock.instant(), ex.toString());
			throw ex;
		}
	}

}
