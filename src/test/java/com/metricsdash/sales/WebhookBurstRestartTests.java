package com.metricsdash.sales;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.metricsdash.MetricsDashApplication;
import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.Instances;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app is stopped in the middle of a burst of order webhooks and started again on the same port. The simulator
 * runs in an instance of its own (whose inbox worker is idle), so it keeps retrying the deliveries the stopped app
 * missed, as Shopify does; afterwards the rollups must hold exactly the shop's own figures: nothing lost, nothing
 * counted twice.
 */
class WebhookBurstRestartTests {

	@Test
	void stoppingTheAppMidBurstAndStartingItAgainLosesNothingAndCountsNothingTwice() throws Exception {
		int appPort = freePort();
		int shopifyPort = freePort();
		try (ConfigurableApplicationContext shopify = start(shopifyPort,
				"--metricsdash.simulator.redirect-uri=http://localhost:" + appPort + "/auth/callback",
				"--metricsdash.simulator.webhook-retry-delays=500ms,1s,1s,2s,2s,4s,4s,8s,8s,8s",
				"--metricsdash.webhooks.poll-interval=1d")) {
			SimulatorOrders simulator = new SimulatorOrders(shopify);
			String shop = simulator.newShop("restart", ZoneId.of("Asia/Kolkata"), 1, 0);
			simulator.unsubscribe(shop, "INVENTORY_LEVELS_UPDATE");
			String endpoint = "--metricsdash.shopify.endpoint=http://localhost:" + shopifyPort + "/simulator/{shop}";
			UUID storeId;
			CompletableFuture<Void> burst;
			try (ConfigurableApplicationContext app = start(appPort, endpoint)) {
				Installs.installAcross(appPort, shopifyPort, shop);
				storeId = app.getBean(Stores.class).installed(new ShopDomain(shop)).orElseThrow().id();
				simulator.deliveries(shop, 0.3, false, Duration.ZERO);
				burst = CompletableFuture.runAsync(() -> sell(simulator, shop));
				Thread.sleep(1_000);
			}
			try (ConfigurableApplicationContext app = start(appPort, endpoint)) {
				burst.get();
				SalesTotals totals = app.getBean(SalesTotals.class);
				JdbcClient jdbc = app.getBean(JdbcClient.class);

				await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
					SortedMap<LocalDate, DayTotal> expected = simulator.expectedDailyTotals(shop);
					assertThat(totals.daily(storeId, expected.firstKey(), expected.lastKey())).isEqualTo(expected);
					assertThat(unfinished(jdbc, shop)).isZero();
				});
				assertThat(jdbc.sql("select count(*) from shop_order where store_id = :store")
					.param("store", storeId)
					.query(Integer.class)
					.single()).isEqualTo(400);
			}
		}
	}

	/** 400 orders over about three seconds, every tenth cancelled a second after it was placed. */
	private static void sell(SimulatorOrders simulator, String shop) {
		Random random = new Random(7);
		long[] placed = new long[400];
		for (int i = 0; i < placed.length; i++) {
			placed[i] = simulator.placeOrder(shop, random);
			if (i % 10 == 0 && i >= 150) {
				simulator.cancelOrder(shop, placed[i - 150]);
			}
			Instances.pause(7);
		}
	}

	private static int unfinished(JdbcClient jdbc, String shop) {
		return jdbc.sql("select count(*) from webhook_inbox where shop_domain = :shop and status <> 'DONE'")
			.param("shop", shop)
			.query(Integer.class)
			.single();
	}

	private static ConfigurableApplicationContext start(int port, String... arguments) {
		String[] all = new String[arguments.length + 1];
		all[0] = "--server.port=" + port;
		System.arraycopy(arguments, 0, all, 1, arguments.length);
		return new SpringApplicationBuilder(MetricsDashApplication.class).profiles("local", "test").run(all);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
