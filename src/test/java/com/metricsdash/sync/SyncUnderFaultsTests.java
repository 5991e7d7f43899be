package com.metricsdash.sync;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.SortedMap;
import java.util.UUID;

import com.metricsdash.sales.DayTotal;
import com.metricsdash.sales.SalesTotals;
import com.metricsdash.shop.Store;
import com.metricsdash.shop.Stores;
import com.metricsdash.shop.SyncStatus;
import com.metricsdash.simulator.SimulatorCatalog;
import com.metricsdash.simulator.SimulatorFaults;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The initial sync against a Shopify that fails as Shopify does at times: a 429 with its bucket empty, a 500 from the
 * Admin API, a 502, 503 or 504 from its edge, an answer that comes later than the app waits, and a 500 or a stall on
 * the bulk operation's file. Each fault is scripted on a request of its own phase: reading the locations page by page,
 * starting an export, polling it, and downloading its file. The client backs off and tries again, and the sync ends
 * complete with every order and product once. The read timeout is short here, so that a stalled answer costs 2 s.
 */
@IntegrationTest
@TestPropertySource(properties = "metricsdash.shopify.read-timeout=2s")
class SyncUnderFaultsTests {

	private static final ZoneId ZONE = ZoneId.of("America/Chicago");

	/**
	 * Far longer than the read timeout above, and than the test waits for the sync: the answer comes only when the
	 * test ends, so a client that waited for it would never finish.
	 */
	private static final Duration STALL = Duration.ofMinutes(2);

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

	SimulatorOrders orders;

	SimulatorCatalog catalog;

	SimulatorFaults faults;

	Merchant merchant;

	String shop;

	@BeforeEach
	void setUp() {
		this.orders = new SimulatorOrders(this.context);
		this.catalog = new SimulatorCatalog(this.context);
		this.faults = new SimulatorFaults(this.context);
		this.merchant = new Merchant(this.port);
	}

	@AfterEach
	void releaseStalledAnswers() {
		if (this.shop != null) {
			this.faults.release(this.shop);
		}
	}

	@Test
	void aSyncThatMeetsThrottlingServerErrorsAndTimeoutsInEveryPhaseCompletesWithEveryRecordOnce() {
		String shop = this.orders.newShop("faults", ZONE, 10, 12);
		this.shop = shop;
		// Products phase: its locations, read page by page before the export, fail twice in a row.
		this.faults.adminApi(shop, "locations").error(503).error(504);
		// The products export's start is throttled, then fails with a 500; the orders export's start stalls.
		this.faults.adminApi(shop, "bulkOperationRunQuery").throttled().error(500).pass(1).hang(STALL);
		// The first poll of the products export meets a 502 from Shopify's edge, then a 429.
		this.faults.adminApi(shop, "node").error(502).throttled();
		// The products file answers 500 once; the orders file stalls once.
		this.faults.bulkFile(shop).error(500).pass(1).hang(STALL);

		UUID storeId = Installs.installAndSync(this.context, this.merchant, shop);

		assertThat(this.stores.store(storeId).map(Store::syncStatus)).hasValue(SyncStatus.COMPLETE);
		assertThat(this.faults.given(shop)).as("every scripted fault was met").isEqualTo(9);
		assertThat(this.faults.pending(shop)).isZero();
		assertThat(this.faults.requests(shop, "locations")).as("tried again after each fault").isGreaterThan(2);
		assertThat(this.faults.requests(shop, "bulkOperationRunQuery")).isGreaterThan(4);
		assertThat(this.faults.requests(shop, "node")).isGreaterThan(2);
		assertThat(this.faults.bulkFileRequests(shop)).isGreaterThan(3);

		assertThat(count("shop_order", storeId)).as("every order once").isEqualTo(this.orders.orderCount(shop));
		assertThat(dailyTotals(storeId, shop)).isEqualTo(this.orders.expectedDailyTotals(shop));
		assertThat(count("product", storeId)).as("every product once")
			.isEqualTo(this.catalog.productIds(shop).size());
		assertThat(count("product_variant", storeId)).isEqualTo(this.catalog.variantIds(shop).size());
		assertThat(count("inventory_level", storeId)).isEqualTo(this.catalog.levels(shop).size());
		assertThat(this.jdbc.sql("select sum(available) from inventory_level where store_id = :id")
			.param("id", storeId)
			.query(Long.class)
			.single()).isEqualTo(this.catalog.levels(shop).values().stream().mapToLong(Integer::longValue).sum());
		assertThat(count("bulk_file_line", storeId)).as("nothing left staged by the downloads that failed").isZero();
	}

	private int count(String table, UUID storeId) {
		return this.jdbc.sql("select count(*) from " + table + " where store_id = :id")
			.param("id", storeId)
			.query(Integer.class)
			.single();
	}

	/** The app's daily totals over the days the shop has orders on. */
	private SortedMap<LocalDate, DayTotal> dailyTotals(UUID storeId, String shop) {
		SortedMap<LocalDate, DayTotal> expected = this.orders.expectedDailyTotals(shop);
		return this.sales.daily(storeId, expected.firstKey(), expected.lastKey());
	}

}
