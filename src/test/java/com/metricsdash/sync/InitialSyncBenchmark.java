package com.metricsdash.sync;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import com.metricsdash.sales.SalesTotals;
import com.metricsdash.shop.Store;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.shop.SyncStatus;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.Benchmark;
import com.metricsdash.testing.BenchmarkTable;
import com.metricsdash.testing.Merchant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The initial sync of a demo-sized store (about 10,000 orders over 60 days, 150 variants at 2 locations) against the
 * simulator with Standard-plan throttling (100 points/s), from the install to the last order applied (target: well
 * under a minute); then the store's first and second reconciliation passes under the same throttling, for what each
 * store adds to a pass. Run with {@code ./mvnw -Pbenchmark test}; prints its detail and adds its summary to
 * {@link BenchmarkTable}.
 */
@Benchmark
class InitialSyncBenchmark {

	private static final ZoneId ZONE = ZoneId.of("America/New_York");

	private static final Duration TARGET = Duration.ofMinutes(1);

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

	@Test
	void demoSizedStoreSyncsWellUnderAMinute() {
		SimulatorOrders simulator = new SimulatorOrders(this.context);
		String shop = simulator.newShop("bench", ZONE, 60, 165);

		long started = System.nanoTime();
		new Merchant(this.port).install(shop);
		UUID storeId = this.stores.installed(new ShopDomain(shop)).orElseThrow().id();
		await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.stores.store(storeId).map(Store::syncStatus).orElseThrow() == SyncStatus.COMPLETE);
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		long orders = count("shop_order", storeId);
		long variants = count("product_variant", storeId);
		long simulatorOrders = simulator.dailyTotals(shop).values().stream().mapToLong(SimulatorOrders.Day::orders).sum();
		long syncedCountingOrders = this.sales.daily(storeId, LocalDate.now(ZONE).minusDays(61), LocalDate.now(ZONE))
			.values()
			.stream()
			.mapToLong((day) -> day.orders())
			.sum();
		System.out.printf("%n| benchmark | orders | variants | seconds | orders/s | matches the simulator |%n");
		System.out.printf("|---|---|---|---|---|---|%n");
		System.out.printf("| initial sync, Standard-plan throttling | %d | %d | %.1f | %.0f | %s |%n%n", orders, variants,
				took.toMillis() / 1000.0, orders / (took.toMillis() / 1000.0), syncedCountingOrders == simulatorOrders);
		BenchmarkTable.add(BenchmarkTable.Row
			.of(String.format("initial sync of %,d orders and %d variants, Standard-plan throttling (%.0f orders/s)",
					orders, variants, orders / (took.toMillis() / 1000.0)), took.toMillis() / 1000.0, 1, "s")
			.target("< " + TARGET.toSeconds() + " s", took.compareTo(TARGET) < 0));
		assertThat(syncedCountingOrders).isEqualTo(simulatorOrders);

		// what one store adds to a reconciliation pass, which takes that many stores at a time
		int concurrency = this.context.getBean(SyncProperties.class).concurrentReconciliations();
		StoreRef store = this.stores.installed(storeId).orElseThrow();
		for (String pass : List.of("first", "second")) {
			long passStarted = System.nanoTime();
			ReconciliationRuns.Run run = this.reconciliation.reconcile(store).orElseThrow();
			double passTook = (System.nanoTime() - passStarted) / 1e9;
			BenchmarkTable.add(BenchmarkTable.Row.of(String.format("reconciliation of that store, %s pass (%d orders and "
					+ "%,d stock levels checked, %d corrected; %d stores at a time, a 15-minute pass reaches about %,.0f "
					+ "such stores)", pass, run.ordersChecked(), run.inventoryChecked(), run.repaired(), concurrency,
					900 / passTook * concurrency), passTook, 1, "s"));
			assertThat(run.repaired()).as("what the sync just read, checked again").isZero();
		}
	}

	private long count(String table, UUID storeId) {
		return this.jdbc.sql("select count(*) from " + table + " where store_id = :id")
			.param("id", storeId)
			.query(Long.class)
			.single();
	}

}
