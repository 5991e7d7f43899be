package com.metricsdash.inventory;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.UUID;

import com.metricsdash.sales.DayTotal;
import com.metricsdash.sales.SalesTotals;
import com.metricsdash.shop.Stores;
import com.metricsdash.simulator.SimulatorCatalog;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A store's sales after install, delivered as Shopify is allowed to deliver them: the deliveries of one action share
 * an event id, some are sent twice, all come shuffled and late. The dashboard's figures must end at the shop's own
 * totals, and every stock move of every sale must be applied, from webhooks alone (no reconciliation runs here).
 */
@IntegrationTest
class DeliveredAsShopifyDeliversTests {

	private static final ZoneId ZONE = ZoneId.of("Australia/Adelaide");

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	SalesTotals sales;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Stores stores;

	@Test
	void shuffledDuplicatedAndLateDeliveriesEndInTheShopsExactTotalsWithEveryStockMove() {
		SimulatorOrders orders = new SimulatorOrders(this.context);
		SimulatorCatalog catalog = new SimulatorCatalog(this.context);
		String shop = orders.newShop("as-shopify", ZONE, 2, 5);
		UUID storeId = Installs.installAndSync(this.context, new Merchant(this.port), shop);
		orders.deliveries(shop, 0.3, true, Duration.ofMillis(300));
		InventoryDb db = new InventoryDb(this.jdbc, this.stores);

		Random random = new Random(13);
		List<Long> placed = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			placed.add(orders.placeOrder(shop, random));
			if (i % 10 == 3) {
				orders.cancelOrder(shop, placed.get(i - 1));
			}
			if (i % 10 == 7) {
				orders.refundOrder(shop, placed.get(i - 2));
			}
		}

		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			SortedMap<LocalDate, DayTotal> expected = orders.expectedDailyTotals(shop);
			assertThat(this.sales.daily(storeId, expected.firstKey(), expected.lastKey())).isEqualTo(expected);
			assertThat(db.levels(db.store(shop))).isEqualTo(catalog.levels(shop));
		});
		assertThat(orders.eventsSentTwice(shop)).as("some deliveries really came twice").isPositive();
	}

}
