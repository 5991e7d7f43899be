package com.metricsdash.shopify;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop locks a worker takes, against the real PostgreSQL: in one statement, in the order asked, skipping a shop
 * another transaction holds, and none beyond those taken, since a shop locked but not claimed would keep every other
 * worker from it until the batch ends.
 */
@IntegrationTest
class WebhookInboxTests {

	@Autowired
	WebhookInbox inbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void aWorkerTakesTheFirstShopsNoOtherHoldsAndLocksNoMore() throws Exception {
		List<String> shops = List.of(shop("a"), shop("b"), shop("c"), shop("d"), shop("e"));
		TransactionTemplate transaction = new TransactionTemplate(this.transactions);
		CountDownLatch taken = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(1);
		CompletableFuture<List<String>> other = CompletableFuture.supplyAsync(() -> transaction.execute((status) -> {
			List<String> held = this.inbox.tryLockShops(List.of(shops.get(1)), 1);
			taken.countDown();
			await(done);
			return held;
		}));
		try {
			assertThat(taken.await(10, TimeUnit.SECONDS)).isTrue();
			Taken mine = transaction
				.execute((status) -> new Taken(this.inbox.tryLockShops(shops, 2), advisoryLocksHeldHere()));
			assertThat(mine.shops()).containsExactly(shops.get(0), shops.get(2));
			assertThat(mine.locks()).as("advisory locks held by the transaction that took two shops").isEqualTo(2);
		}
		finally {
			done.countDown();
		}
		assertThat(other.get(10, TimeUnit.SECONDS)).containsExactly(shops.get(1));
		List<String> afterwards = transaction.execute((status) -> this.inbox.tryLockShops(shops, 5));
		assertThat(afterwards).as("all free once both ended").containsExactlyElementsOf(shops);
	}

	private record Taken(List<String> shops, long locks) {
	}

	private long advisoryLocksHeldHere() {
		return this.jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()")
			.query(Long.class)
			.single();
	}

	private static String shop(String name) {
		return "locks-" + name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
