package com.metricsdash.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.metricsdash.live.LiveClient;
import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.Instances;
import com.metricsdash.testing.Merchant;
import com.metricsdash.testing.OwnStack;
import com.metricsdash.testing.Webhooks;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance that shuts down finishes its in-flight work and sends its browsers elsewhere: its live sockets are
 * closed with 1012 (service restart), after which the pages' ws extension reconnects, and the batch of deliveries its
 * webhook worker is applying commits before the database pool closes. The batch is held in flight by the test, which
 * takes the store's ledger lock (the one the ledger waits for before it writes a store's orders) before the worker
 * does and lets go only once the shutdown has begun; the instance runs on a PostgreSQL and Redis of its own, so no other test's worker takes the batch.
 */
class GracefulShutdownTests {

	/** {@code OrderRepository}'s namespace of the per-store advisory locks of the ledger. */
	private static final int STORE_LOCK_NAMESPACE = 0x5A1E5;

	private static final int DELIVERIES = 40;

	@Test
	void shuttingDownClosesSocketsWith1012AndCommitsTheBatchBeingApplied() throws Exception {
		try (OwnStack stack = OwnStack.start();
				Connection test = DriverManager.getConnection(stack.jdbcUrl(), "postgres", "")) {
			int port = Instances.freePort();
			ConfigurableApplicationContext app = Instances.start(stack, port, "--metricsdash.webhooks.poll-interval=1d");
			CompletableFuture<Void> closing = null;
			try {
				SimulatorOrders simulator = new SimulatorOrders(app);
				String shop = simulator.newShop("shutdown", ZoneId.of("Australia/Sydney"), 1, 0);
				UUID storeId = Installs.installAndSync(app, new Merchant(port), shop);
				simulator.dropDeliveries(shop);
				try (LiveClient socket = LiveClient.connect(
						"ws://localhost:" + port + "/ws/stores/" + storeId + "?format=json",
						Map.of("Authorization", "Bearer " + new SimulatorFixture(app).idToken(shop)))) {
					storeLock(test, storeId, "pg_advisory_lock");
					storeOrders(app, simulator, shop);
					await().atMost(Duration.ofSeconds(10))
						.until(() -> waitingForTheStoreLock(test) == 1);

					closing = CompletableFuture.runAsync(app::close);

					assertThat(socket.closeCode(Duration.ofSeconds(10))).as("the close code the page receives")
						.isEqualTo(1012);
					Thread.sleep(1_000);
					assertThat(closing).as("the shutdown, while a batch is being applied").isNotDone();
					storeLock(test, storeId, "pg_advisory_unlock");
					closing.get(10, TimeUnit.SECONDS);
				}
				assertThat(count(test, "select count(*) from webhook_inbox where shop_domain = ? and topic = 'orders/create' "
						+ "and status = 'DONE'", shop)).as("deliveries applied").isEqualTo(DELIVERIES + 1);
				assertThat(count(test, "select count(*) from shop_order where store_id = ?::uuid", storeId.toString()))
					.as("orders").isEqualTo(DELIVERIES + 1);
			}
			finally {
				if (closing == null) {
					app.close();
				}
			}
		}
	}

	/**
	 * Stores orders in the inbox in one transaction, and delivers one more over HTTP, whose intake wakes the worker:
	 * it claims them all in one batch and waits for the store's ledger lock.
	 */
	private static void storeOrders(ConfigurableApplicationContext app, SimulatorOrders simulator, String shop) {
		JdbcClient jdbc = app.getBean(JdbcClient.class);
		Random random = new Random(5);
		new TransactionTemplate(app.getBean(PlatformTransactionManager.class)).executeWithoutResult((status) -> {
			for (int i = 0; i < DELIVERIES; i++) {
				long order = simulator.placeOrder(shop, random);
				jdbc.sql("""
						insert into webhook_inbox (webhook_id, topic, shop_domain, api_version, triggered_at, payload)
						values (:webhookId, 'orders/create', :shop, '2026-10', now(), :payload)""")
					.param("webhookId", UUID.randomUUID().toString())
					.param("shop", shop)
					.param("payload", simulator.orderPayload(shop, order))
					.update();
			}
		});
		long last = simulator.placeOrder(shop, random);
		int status = new Webhooks(app.getEnvironment().getProperty("local.server.port", Integer.class))
			.deliver("orders/create", shop, UUID.randomUUID().toString(), simulator.orderPayload(shop, last));
		assertThat(status).isEqualTo(200);
	}

	private static void storeLock(Connection connection, UUID storeId, String function) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("select " + function + "(" + STORE_LOCK_NAMESPACE + ", hashtext(?))")) {
			statement.setString(1, storeId.toString());
			statement.executeQuery().close();
		}
	}

	private static int waitingForTheStoreLock(Connection connection) throws SQLException {
		return count(connection, "select count(*) from pg_locks where locktype = 'advisory' and not granted and "
				+ "classid = ?::oid", Integer.toString(STORE_LOCK_NAMESPACE));
	}

	private static int count(Connection connection, String sql, String parameter) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

}
