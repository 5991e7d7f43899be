package com.metricsdash.shopify;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries stored together, against the real PostgreSQL: while the inbox table is locked, the writer's first
 * statement waits and every delivery handed over meanwhile queues for the next one; that one holds a delivery stored
 * before, one repeated within it, and one PostgreSQL refuses (a NUL in its text). Each delivery's answer must be its
 * own: the new ones stored once, the repeats not, the refused one alone failing.
 */
@IntegrationTest
class InboxWriterTests {

	private static final int DELIVERIES = 30;

	@Autowired
	InboxWriter writer;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void deliveriesStoredTogetherEachGetTheirOwnAnswer() throws Exception {
		String shop = "writer-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		String storedBefore = UUID.randomUUID().toString();
		assertThat(this.writer.store(delivery(storedBefore, shop, "{\"id\": 0}"))).isTrue();
		String repeated = UUID.randomUUID().toString();
		ExecutorService senders = Executors.newCachedThreadPool();
		List<CompletableFuture<Boolean>> news = new ArrayList<>();
		CompletableFuture<Boolean> again;
		List<CompletableFuture<Boolean>> repeats = new ArrayList<>();
		CompletableFuture<Boolean> refused;
		try (Connection database = this.dataSource.getConnection(); Statement statement = database.createStatement()) {
			database.setAutoCommit(false);
			statement.execute("lock table webhook_inbox in exclusive mode");
			CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(
					() -> this.writer.store(delivery(UUID.randomUUID().toString(), shop, "{\"id\": -1}")), senders);
			await().atMost(Duration.ofSeconds(10)).until(() -> anInsertWaitsForTheLock(this.jdbc));
			news.add(first);
			for (int i = 1; i <= DELIVERIES; i++) {
				String body = "{\"id\": " + i + "}";
				news.add(CompletableFuture.supplyAsync(
						() -> this.writer.store(delivery(UUID.randomUUID().toString(), shop, body)), senders));
			}
			again = CompletableFuture.supplyAsync(() -> this.writer.store(delivery(storedBefore, shop, "{}")), senders);
			for (int i = 0; i < 2; i++) {
				repeats.add(CompletableFuture.supplyAsync(() -> this.writer.store(delivery(repeated, shop, "{}")),
						senders));
			}
			refused = CompletableFuture.supplyAsync(
					() -> this.writer.store(delivery(UUID.randomUUID().toString(), shop, "not json \u0000")), senders);
			Thread.sleep(500);
			assertThat(news).noneMatch(CompletableFuture::isDone);
			database.rollback();
		}
		finally {
			senders.shutdown();
		}

		assertThat(news).allSatisfy((stored) -> assertThat(stored.get()).as("a new delivery stored").isTrue());
		assertThat(again.get()).as("a delivery stored before").isFalse();
		assertThat(List.of(repeats.get(0).get(), repeats.get(1).get())).as("a delivery repeated in one statement")
			.containsExactlyInAnyOrder(true, false);
		assertThat(refused).as("the delivery PostgreSQL refuses").failsWithin(Duration.ofSeconds(5))
			.withThrowableThat()
			.withCauseInstanceOf(DataAccessException.class);
		assertThat(this.jdbc.sql("select count(*) from webhook_inbox where shop_domain = :shop")
			.param("shop", shop)
			.query(Integer.class)
			.single()).isEqualTo(1 + news.size() + 1);
	}

	private static WebhookInbox.Delivery delivery(String webhookId, String shop, String payload) {
		return new WebhookInbox.Delivery(webhookId, null, "orders/create", shop, "2026-10", Instant.now(), payload);
	}

	/** Whether an insert into the inbox waits for a lock on it, which a test holds. */
	static boolean anInsertWaitsForTheLock(JdbcClient jdbc) {
		return jdbc.sql("""
				select count(*) from pg_stat_activity
				where wait_event_type = 'Lock' and query like 'insert into webhook_inbox%'""")
			.query(Integer.class)
			.single() > 0;
	}

}
