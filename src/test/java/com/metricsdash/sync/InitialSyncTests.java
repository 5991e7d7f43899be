package com.metricsdash.sync;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.metricsdash.sales.DayTotal;
import com.metricsdash.sales.SalesTotals;
import com.metricsdash.shop.Store;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.StoreStatus;
import com.metricsdash.shop.Stores;
import com.metricsdash.shop.SyncStatus;
import com.metricsdash.shopify.WebhookTopic;
import com.metricsdash.simulator.SimulatorCatalog;
import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class InitialSyncTests {

	private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	Stores stores;

	@Autowired
	SalesTotals sales;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Reconciliation reconciliation;

	SimulatorFixture simulator;

	SimulatorOrders orders;

	Merchant merchant;

	@BeforeEach
	void setUp() {
		this.simulator = new SimulatorFixture(this.context);
		this.orders = new SimulatorOrders(this.context);
		this.merchant = new Merchant(this.port);
	}

	@Test
	void aWebhookShopifyNeverDeliveredIsRepairedByReconciliation() {
		String shop = this.orders.newShop("reconcile", ZONE, 3, 10);
		UUID storeId = installAndAwaitSync(shop);
		this.orders.dropDeliveries(shop);
		long placed = this.orders.placeOrder(shop, new java.util.Random(7));
		this.orders.cancelOrder(shop, this.orders.placeOrder(shop, new java.util.Random(8)));
		assertThat(dailyTotals(storeId, shop)).as("the dropped webhooks changed nothing").isNotEqualTo(this.orders.expectedDailyTotals(shop));

		ReconciliationRuns.Run run = reconcile(storeId);

		assertThat(run.ordersRepaired()).isEqualTo(2);
		assertThat(run.inventoryRepaired()).isPositive();
		assertThat(dailyTotals(storeId, shop)).isEqualTo(this.orders.expectedDailyTotals(shop));
		assertThat(this.jdbc.sql("select count(*) from shop_order where store_id = :id and shopify_id = :order")
			.param("id", storeId)
			.param("order", placed)
			.query(Integer.class)
			.single()).isOne();
		assertThat(this.merchant.get("/sync/progress").body()).contains("Verified against Shopify at")
			.contains("corrected");
		assertThat(reconcile(storeId).repaired())
			.as("a second pass finds nothing left to correct")
			.isZero();
	}

	@Test
	void aStoreWhoseTokensShopifyRefusesIsSaidInALineAndLeftOutOfTheNextPasses(CapturedOutput output) {
		String shop = this.orders.newShop("refused", ZONE, 1, 2);
		UUID storeId = installAndAwaitSync(shop);
		StoreRef store = this.stores.installed(storeId).orElseThrow();
		this.simulator.revokeTokens(shop);

		this.reconciliation.reconcileEach(List.of(store));

		assertThat(this.stores.store(storeId)).get()
			.extracting(Store::status)
			.isEqualTo(StoreStatus.RECONNECT_REQUIRED);
		assertThat(this.stores.synced()).extracting(StoreRef::id).doesNotContain(storeId);
		assertThat(output).contains("Reconciliation of " + shop + " stopped: " + shop + " must be reconnected")
			.contains("Reconciliation verified 0 of 1 stores in")
			.doesNotContain("ReconnectRequiredException");
	}

	@Test
	void aStoresFirstPassReadsTheOrdersChangedSinceItsSyncStartedNotTheHistoryTheSyncJustRead() {
		String shop = this.orders.newShop("first-pass", ZONE, 3, 10);
		UUID storeId = installAndAwaitSync(shop);

		ReconciliationRuns.Run run = reconcile(storeId);

		Instant exportStarted = this.jdbc
			.sql("select started_at from sync_phase where store_id = :id and phase = 'ORDERS'")
			.param("id", storeId)
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
		Instant checkedFrom = this.jdbc.sql("select checked_from from reconciliation_run where store_id = :id")
			.param("id", storeId)
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
		assertThat(checkedFrom).isEqualTo(exportStarted.minus(Reconciliation.OVERLAP).truncatedTo(ChronoUnit.SECONDS));
		int changedSince = this.jdbc
			.sql("select count(*) from shop_order where store_id = :id and shopify_updated_at >= :from")
			.param("id", storeId)
			.param("from", OffsetDateTime.ofInstant(checkedFrom, ZoneOffset.UTC))
			.query(Integer.class)
			.single();
		assertThat(run.ordersChecked()).isEqualTo(changedSince).isLessThan(count("shop_order", storeId));
	}

	@Test
	void aPassVerifiesSeveralStoresAtOnceSinceEachWaitsForItsOwnStoresBudget(CapturedOutput output) {
		List<UUID> storeIds = List.of(installAndAwaitSync(this.orders.newShop("together-a", ZONE, 1, 2)),
				installAndAwaitSync(this.orders.newShop("together-b", ZONE, 1, 2)));

		this.reconciliation.reconcileEach(storeIds.stream().map((id) -> this.stores.installed(id).orElseThrow()).toList());

		List<Instant[]> runs = this.jdbc.sql("""
				select started_at, finished_at from reconciliation_run
				where store_id in (:ids) and error is null and finished_at is not null""")
			.param("ids", storeIds)
			.query((row, n) -> new Instant[] { row.getObject("started_at", OffsetDateTime.class).toInstant(),
					row.getObject("finished_at", OffsetDateTime.class).toInstant() })
			.list();
		assertThat(runs).hasSize(2);
		assertThat(runs.get(0)[0]).as("each store's pass started before the other's ended")
			.isBefore(runs.get(1)[1]);
		assertThat(runs.get(1)[0]).isBefore(runs.get(0)[1]);
		assertThat(output).containsPattern("Reconciliation verified 2 of 2 stores in \\d+ s");
	}

	@Test
	void aStoreIsReconciledByOnePassAtATimeWhicheverInstanceRunsTheOther(CapturedOutput output) throws Exception {
		String shop = this.orders.newShop("one-pass", ZONE, 1, 2);
		UUID storeId = installAndAwaitSync(shop);
		StoreRef store = this.stores.installed(storeId).orElseThrow();
		// under the simulator's Standard-plan budget the pass waits seconds for its catalogue pages
		ExecutorService other = Executors.newSingleThreadExecutor();
		try {
			Future<Optional<ReconciliationRuns.Run>> first = other.submit(() -> this.reconciliation.reconcile(store));
			await().atMost(Duration.ofSeconds(10)).until(() -> openRuns(storeId) == 1);

			this.reconciliation.reconcileEach(List.of(store));

			assertThat(first.isDone()).as("the first pass still reading the store").isFalse();
			assertThat(first.get(2, TimeUnit.MINUTES)).isPresent();
		}
		finally {
			other.shutdownNow();
		}
		assertThat(count("reconciliation_run", storeId)).as("the second pass opened no run").isEqualTo(1);
		assertThat(output).contains("Reconciliation of " + shop + " left to its pass already under way")
			.contains("Reconciliation verified 0 of 1 stores in");
	}

	@Test
	void aRunLeftOpenByAnInstanceThatDiedIsClosedAndItsStoreReconciledAgain() {
		UUID storeId = installAndAwaitSync(this.orders.newShop("abandoned", ZONE, 1, 2));
		Instant died = Instant.now().minus(ReconciliationRuns.ABANDONED_AFTER).minusSeconds(60);
		long abandoned = this.jdbc.sql("""
				insert into reconciliation_run (store_id, checked_from, started_at) values (:id, :at, :at)
				returning id""")
			.param("id", storeId)
			.param("at", OffsetDateTime.ofInstant(died, ZoneOffset.UTC))
			.query(Long.class)
			.single();

		reconcile(storeId);

		assertThat(this.jdbc.sql("select error from reconciliation_run where id = :id")
			.param("id", abandoned)
			.query(String.class)
			.single()).isEqualTo("Abandoned: open for more than 2 hours");
		assertThat(openRuns(storeId)).isZero();
		assertThat(count("reconciliation_run", storeId)).isEqualTo(2);
	}

	private int openRuns(UUID storeId) {
		return this.jdbc.sql("select count(*) from reconciliation_run where store_id = :id and finished_at is null")
			.param("id", storeId)
			.query(Integer.class)
			.single();
	}

	@Test
	void reconciliationSubscribesAgainTheTopicsShopifyDeleted() {
		String shop = this.orders.newShop("resubscribe", ZONE, 1, 2);
		this.simulator.throttle(shop, 10_000, 1_000);
		UUID storeId = installAndAwaitSync(shop);
		List<String> subscribed = Arrays.stream(WebhookTopic.values()).map(WebhookTopic::name).toList();
		assertThat(this.simulator.webhookTopics(shop)).containsExactlyInAnyOrderElementsOf(subscribed);
		this.orders.unsubscribe(shop, "ORDERS_CREATE");
		this.orders.unsubscribe(shop, "INVENTORY_ITEMS_UPDATE");

		reconcile(storeId);
		reconcile(storeId);

		assertThat(this.simulator.webhookTopics(shop)).as("restored once, whatever the number of passes")
			.containsExactlyInAnyOrderElementsOf(subscribed);
	}

	@Test
	void orderLinesAndStockLevelsBeyondTheFirstPageAreReadWholeBySyncAndReconciliation() {
		String shop = this.orders.newShop("whole", ZONE, 1, 0, 12);
		// Paging 1,800 levels costs about 7,000 points: a Plus plan's bucket reads them in seconds, not minutes.
		SimulatorCatalog catalog = new SimulatorCatalog(this.context);
		catalog.placeOrder(shop, twelveLines(catalog.variantIds(shop).subList(0, 12)));
		this.simulator.failExports(shop, true);
		this.simulator.throttle(shop, 10_000, 1_000);

		UUID storeId = installAndAwaitSync(shop);
		assertThat(count("order_line_item", storeId)).as("every line of a 12-line order, read page by page").isEqualTo(12);
		assertThat(count("inventory_level", storeId)).as("150 variants at 12 locations").isEqualTo(1800);

		this.orders.dropDeliveries(shop);
		catalog.placeOrder(shop, twelveLines(catalog.variantIds(shop).subList(20, 32)));
		reconcile(storeId);

		assertThat(count("order_line_item", storeId)).isEqualTo(24);
		assertThat(this.jdbc.sql("select sum(available) from inventory_level where store_id = :id")
			.param("id", storeId)
			.query(Long.class)
			.single()).isEqualTo(catalog.levels(shop).values().stream().mapToLong(Integer::longValue).sum());
	}

	private static Map<Long, Integer> twelveLines(List<Long> variants) {
		Map<Long, Integer> quantities = new LinkedHashMap<>();
		variants.forEach((variant) -> quantities.put(variant, 1));
		return quantities;
	}

	private int count(String table, UUID storeId) {
		return this.jdbc.sql("select count(*) from " + table + " where store_id = :id")
			.param("id", storeId)
			.query(Integer.class)
			.single();
	}

	@Test
	void afterInstallEveryDayOfOrdersEqualsTheSimulatorsOwnTotals() {
		String shop = this.orders.newShop("sync", ZONE, 60, 12);

		UUID storeId = installAndAwaitSync(shop);

		assertThat(dailyTotals(storeId, shop)).isEqualTo(this.orders.expectedDailyTotals(shop));
		assertThat(this.jdbc.sql("select count(*) from product_variant where store_id = :id")
			.param("id", storeId)
			.query(Integer.class)
			.single()).isPositive();
		assertThat(this.merchant.get("/sync/progress").body()).contains("Your data is in").doesNotContain("hx-trigger");
	}

	@Test
	void aSyncCutShortMidImportResumesWithoutDuplicatesOrGaps() {
		String shop = this.orders.newShop("resume", ZONE, 10, 20);
		UUID storeId = installAndAwaitSync(shop);

		this.jdbc.sql("update sync_phase set status = 'RUNNING', objects_done = 7 where store_id = :id and phase = 'ORDERS'")
			.param("id", storeId)
			.update();
		this.stores.syncStatus(storeId, SyncStatus.SYNCING, null);

		awaitSync(storeId);
		assertThat(dailyTotals(storeId, shop)).isEqualTo(this.orders.expectedDailyTotals(shop));
	}

	@Test
	void whenShopifyWillNotRunBulkOperationsTheSyncReadsPagesAndStillMatches() {
		String shop = this.orders.newShop("paged", ZONE, 5, 10);
		this.simulator.failExports(shop, true);

		UUID storeId = installAndAwaitSync(shop);

		assertThat(dailyTotals(storeId, shop)).isEqualTo(this.orders.expectedDailyTotals(shop));
		assertThat(this.jdbc.sql("select count(*) from inventory_level where store_id = :id")
			.param("id", storeId)
			.query(Integer.class)
			.single()).isPositive();
	}

	@Test
	void aSyncStoppedByAShopifyOutageSaysWhyAndRetryFinishesIt() {
		String shop = this.orders.newShop("outage", ZONE, 5, 10);
		UUID storeId = installAndAwaitSync(shop);
		this.simulator.outage(shop, true);
		this.jdbc.sql("update sync_phase set status = 'PENDING', bulk_operation_id = null where store_id = :id")
			.param("id", storeId)
			.update();
		this.stores.syncStatus(storeId, SyncStatus.PENDING, null);
		assertThat(this.merchant.get("/sync/progress").body()).as("a card of a sync under way fetches itself again")
			.contains("hx-trigger=\"every 2s\"");

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.stores.store(storeId).map(Store::syncStatus).orElseThrow() == SyncStatus.ERROR);
		assertThat(this.merchant.get("/sync/progress").body()).contains("The sync stopped")
			.contains("Retry the sync")
			.contains("Nothing is lost")
			.doesNotContain("hx-trigger");

		this.simulator.outage(shop, false);
		assertThat(this.merchant.postWithCsrf("/sync/retry").statusCode()).isEqualTo(200);
		awaitSync(storeId);
		assertThat(dailyTotals(storeId, shop)).isEqualTo(this.orders.expectedDailyTotals(shop));
	}

	private UUID installAndAwaitSync(String shop) {
		return Installs.installAndSync(this.context, this.merchant, shop);
	}

	/** A pass over the store, which no other pass is reading. */
	private ReconciliationRuns.Run reconcile(UUID storeId) {
		return this.reconciliation.reconcile(this.stores.installed(storeId).orElseThrow()).orElseThrow();
	}

	private UUID storeIdOf(String shop) {
		return this.stores.installed(new com.metricsdash.shopify.ShopDomain(shop)).orElseThrow().id();
	}

	private void awaitSync(UUID storeId) {
		Installs.awaitSync(this.context, storeId);
	}

	/** The app's daily totals over the days the shop has orders on. */
	private SortedMap<LocalDate, DayTotal> dailyTotals(UUID storeId, String shop) {
		SortedMap<LocalDate, DayTotal> expected = this.orders.expectedDailyTotals(shop);
		return this.sales.daily(storeId, expected.firstKey(), expected.lastKey());
	}

}
