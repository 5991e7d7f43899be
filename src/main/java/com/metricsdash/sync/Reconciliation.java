package com.metricsdash.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.metricsdash.inventory.Catalog;
import com.metricsdash.inventory.CatalogPayloads;
import com.metricsdash.sales.OrderLedger;
import com.metricsdash.sales.OrderPayloads;
import com.metricsdash.shop.StoreAdminApi;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.AdminDocument;
import com.metricsdash.shopify.BulkRecord;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Repairs what webhooks missed: on a schedule, one runner across all instances re-reads from Shopify every order
 * updated since the store's last pass (with an overlap for late writes) and the stock of every variant, and applies
 * them through the same idempotent paths as webhooks, which change only what differs. Each pass is recorded, so the
 * store page can say when the data was last verified and what was corrected.
 */
@Service
class Reconciliation {

	/** Re-read a little before the last pass, for writes that landed late at Shopify. */
	static final Duration OVERLAP = Duration.ofMinutes(10);

	private static final Logger logger = LoggerFactory.getLogger(Reconciliation.class);

	private final AdminDocument ordersPage = AdminDocument.load("ordersPage");

	private final Stores stores;

	private final StoreAdminApi api;

	private final OrderLedger ledger;

	private final Catalog catalog;

	private final ReconciliationRuns runs;

	private final OrdersImport orders;

	private final Clock clock;

	Reconciliation(Stores stores, StoreAdminApi api, OrderLedger ledger, Catalog catalog, ReconciliationRuns runs,
			OrdersImport orders, Clock clock) {
		this.stores = stores;
		this.api = api;
		this.ledger = ledger;
		this.catalog = catalog;
		this.runs = runs;
		this.orders = orders;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${metricsdash.reconciliation.interval:15m}",
			initialDelayString = "${metricsdash.reconciliation.interval:15m}")
	@SchedulerLock(name = "reconciliation", lockAtMostFor = "30m")
	void reconcileAll() {
		for (StoreRef store : this.stores.synced()) {
			try {
				reconcile(store);
			}
			catch (RuntimeException ex) {
				logger.warn("Reconciliation of {} failed; the next pass tries again", store.shop(), ex);
			}
		}
	}

	/** One pass over one store. */
	ReconciliationRuns.Run reconcile(StoreRef store) {
		Instant started = this.clock.instant();
		Instant since = this.runs.latest(store.id())
			.map(ReconciliationRuns.Run::startedAt)
			.orElse(started.minus(OrdersImport.HISTORY))
			.minus(OVERLAP)
			.truncatedTo(ChronoUnit.SECONDS);
		long runId = this.runs.start(store.id(), since, started);
		AtomicInteger ordersChecked = new AtomicInteger();
		AtomicInteger ordersRepaired = new AtomicInteger();
		AtomicInteger levelsChecked = new AtomicInteger();
		AtomicInteger levelsRepaired = new AtomicInteger();
		try {
			this.api.forEachNode(store.id(), this.ordersPage,
					Map.of("query", "updated_at:>=" + since, "first", OrdersImport.PAGE_SIZE), "orders", (order) -> {
						ordersChecked.incrementAndGet();
						BulkRecord record = this.orders.fromPage(order);
						if (this.ledger.apply(store, OrderPayloads.fromGraphql(record.root(), record.descendants()))) {
							ordersRepaired.incrementAndGet();
						}
					});
			this.api.forEachNode(store.id(), CatalogPayloads.CATALOG_PAGE, Map.of(), "productVariants",
					(variant) -> CatalogPayloads.levelsFromGraphql(variant).forEach((level) -> {
						levelsChecked.incrementAndGet();
						if (this.catalog.applyLevel(store, level)) {
							levelsRepaired.incrementAndGet();
						}
					}));
			var run = new ReconciliationRuns.Run(started, ordersChecked.get(), ordersRepaired.get(), levelsChecked.get(),
					levelsRepaired.get());
			this.runs.finish(runId, run, this.clock.instant(), null);
			if (run.repaired() > 0) {
				logger.info("Reconciliation of {} corrected {} orders and {} stock levels", store.shop(),
						run.ordersRepaired(), run.inventoryRepaired());
			}
			return run;
		}
		catch (RuntimeException ex) {
			this.runs.finish(runId, new ReconciliationRuns.Run(started, ordersChecked.get(), ordersRepaired.get(),
					levelsChecked.get(), levelsRepaired.get()), this.clock.instant(), ex.toString());
			throw ex;
		}
	}

}
