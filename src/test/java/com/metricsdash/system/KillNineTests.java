package com.metricsdash.system;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.metricsdash.MetricsDashApplication;
import com.metricsdash.sales.DayTotal;
import com.metricsdash.sales.SalesTotals;
import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.Instances;
import com.metricsdash.testing.OwnStack;
import com.metricsdash.testing.Webhooks;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app, running as a process of its own, is killed with SIGKILL in the middle of a burst of 2,000 orders and started
 * again: after that every delivery it accepted is applied exactly once and the totals are exactly the shop's own. No
 * shutdown hook runs, the batch being applied is cut off mid-transaction and the answers in flight are lost; Shopify
 * (the simulator, in an instance of its own in this JVM, whose inbox worker is idle) retries what was refused while
 * the app was down, as Shopify does, for about two minutes in all (Shopify's retries span hours), however long the
 * restart takes. The orders are sold at about 200 a second, from the 150th on every tenth cancels an earlier one, and
 * the app is killed once 500 are sold. Both run on a PostgreSQL and a Redis of the test's own ({@link OwnStack}).
 */
class KillNineTests {

	private static final int ORDERS = 2_000;

	/** {@code 128 + 9}: how a JVM reports a child that SIGKILL ended. */
	private static final int KILLED_BY_SIGKILL = 137;

	/** A start takes 10 to 20 s on an idle 2-core machine, and several times that on a busy one. */
	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	@Test
	void killingTheAppWithSigkillMidBurstLosesNothingAndCountsNothingTwice() throws Exception {
		try (OwnStack stack = OwnStack.start()) {
			int appPort = Instances.freePort();
			int shopifyPort = Instances.freePort();
			String masterKey = randomKey();
			CompletableFuture<ConfigurableApplicationContext> starting = CompletableFuture.supplyAsync(
					() -> Instances.start(stack, shopifyPort,
							"--metricsdash.master-key=" + masterKey,
							"--metricsdash.simulator.redirect-uri=http://localhost:" + appPort + "/auth/callback",
							"--metricsdash.simulator.webhook-retry-delays=1s,2s,4s,8s,16s,16s,16s,16s,16s,16s",
							"--metricsdash.webhooks.poll-interval=1d"));
			List<String> command = command(stack, appPort, shopifyPort, masterKey);
			Process app = start(command, 1);
			try (ConfigurableApplicationContext shopify = starting.get()) {
				awaitUp(app, appPort);
				SimulatorOrders simulator = new SimulatorOrders(shopify);
				String shop = simulator.newShop("kill-nine", ZoneId.of("America/Chicago"), 1, 0);
				simulator.unsubscribe(shop, "INVENTORY_LEVELS_UPDATE");
				Installs.installAcross(appPort, shopifyPort, shop);
				UUID storeId = shopify.getBean(Stores.class).installed(new ShopDomain(shop)).orElseThrow().id();
				Installs.awaitSync(shopify, storeId);
				JdbcClient jdbc = shopify.getBean(JdbcClient.class);

				AtomicInteger sold = new AtomicInteger();
				CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> sell(simulator, shop, sold));
				await().atMost(Duration.ofSeconds(30)).until(() -> sold.get() >= 500);
				app.destroyForcibly();
				assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
				assertThat(app.exitValue()).as("the exit status of a process ended by SIGKILL").isEqualTo(KILLED_BY_SIGKILL);
				assertThat(burst).as("the burst when the app was killed").isNotDone();
				int storedBeforeKill = stored(jdbc, shop, "orders/create");
				assertThat(storedBeforeKill).as("orders stored when the app was killed").isBetween(1, ORDERS - 1);

				app = start(command, 2);
				awaitUp(app, appPort);
				burst.get(120, TimeUnit.SECONDS);
				SalesTotals totals = shopify.getBean(SalesTotals.class);
				await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
					SortedMap<LocalDate, DayTotal> expected = simulator.expectedDailyTotals(shop);
					assertThat(totals.daily(storeId, expected.firstKey(), expected.lastKey())).isEqualTo(expected);
					assertThat(stored(jdbc, shop, "orders/create")).isEqualTo(ORDERS);
					assertThat(stored(jdbc, shop, "orders/cancelled")).isEqualTo(cancelled());
					assertThat(jdbc.sql("""
							select count(*) from webhook_inbox where shop_domain = :shop and status <> 'DONE'""")
						.param("shop", shop)
						.query(Integer.class)
						.single()).isZero();
				});
				assertThat(jdbc.sql("select count(*) from shop_order where store_id = :store")
					.param("store", storeId)
					.query(Integer.class)
					.single()).isEqualTo(ORDERS);
			}
			finally {
				app.destroyForcibly();
				app.waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	/** The orders sold at about 200 a second; from the 150th on, every tenth cancels the one placed 150 before. */
	private static void sell(SimulatorOrders simulator, String shop, AtomicInteger sold) {
		Random random = new Random(9);
		long[] placed = new long[ORDERS];
		for (int i = 0; i < ORDERS; i++) {
			placed[i] = simulator.placeOrder(shop, random);
			sold.incrementAndGet();
			if (i % 10 == 0 && i >= 150) {
				simulator.cancelOrder(shop, placed[i - 150]);
			}
			Instances.pause(4);
		}
	}

	private static int cancelled() {
		int count = 0;
		for (int i = 150; i < ORDERS; i += 10) {
			count++;
		}
		return count;
	}

	/** Stored deliveries of a topic; a delivery whose answer was lost to the kill is stored once all the same. */
	private static int stored(JdbcClient jdbc, String shop, String topic) {
		return jdbc.sql("select count(*) from webhook_inbox where shop_domain = :shop and topic = :topic")
			.param("shop", shop)
			.param("topic", topic)
			.query(Integer.class)
			.single();
	}

	/**
	 * The app as production runs it, in a JVM of its own: the test profile only (no local stack of its own), with the
	 * test's PostgreSQL and Redis, and the simulator in this JVM as Shopify.
	 */
	private static List<String> command(OwnStack stack, int appPort, int shopifyPort, String masterKey) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx512m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(MetricsDashApplication.class.getName());
		command.add("--spring.profiles.active=test");
		command.add("--server.port=" + appPort);
		command.add("--spring.datasource.url=" + stack.jdbcUrl());
		command.add("--spring.datasource.username=postgres");
		command.add("--spring.datasource.password=");
		command.add("--spring.data.redis.host=127.0.0.1");
		command.add("--spring.data.redis.port=" + stack.redisPort());
		// digests are not sent in this test; the mail sender only needs an address
		command.add("--spring.mail.host=127.0.0.1");
		command.add("--spring.mail.port=" + Instances.freePort());
		command.add("--metricsdash.app-url=http://localhost:" + appPort);
		command.add("--metricsdash.master-key=" + masterKey);
		command.add("--metricsdash.shopify.api-key=metricsdash-local");
		command.add("--metricsdash.shopify.api-secret=" + Webhooks.SECRET);
		command.add("--metricsdash.shopify.endpoint=http://localhost:" + shopifyPort + "/simulator/{shop}");
		command.add("--metricsdash.simulator.enabled=false");
		return command;
	}

	private static Process start(List<String> command, int run) throws IOException {
		File log = Path.of("target", "kill-nine-app-" + run + ".log").toFile();
		Files.createDirectories(log.toPath().getParent());
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	private void awaitUp(Process app, int port) {
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(2))
			.build();
		await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
			if (!app.isAlive()) {
				throw new IllegalStateException("The app exited with " + app.exitValue() + ", see target/kill-nine-app-*.log");
			}
			try {
				return this.http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
