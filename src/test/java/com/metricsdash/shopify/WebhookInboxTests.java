package com.metricsdash.shopify;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop locks a worker takes, against the real PostgreSQL: in one statement, in the order asked, skipping a shop
 * another transaction holds, and none beyond those taken, since a shop locked but not claimed would keep every other
 * worker from it until the batch ends. And the worker's reads of the shops due and of a shop's oldest deliveries,
 * which cost what they take however deep a shop's backlog; and the operator page's, which cost what they show however
 * many deliveries were applied.
 */
@IntegrationTest
class WebhookInboxTests {

	/** A new shop's deliveries pending, about 4,000 pages of the table. */
	private static final int BACKLOG = 20_000;

	private static final int SHARE = 50;

	@Autowired
	WebhookInbox inbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	ObjectMapper json;

	/**
	 * Rolled back, a test's thousands of rows stay behind as dead entries in every index of the inbox until a vacuum,
	 * and the next test's reads would walk them.
	 */
	@AfterEach
	void vacuum() {
		this.jdbc.sql("vacuum analyze webhook_inbox").update();
	}

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

	/**
	 * A backlog the table's statistics do not know of, as a new shop's flash sale gathers before the next analyze: the
	 * planner, expecting a few rows, had the claim read the whole backlog and sort it on disk (payloads are wide), 3 s
	 * for a claim of 250 behind 24,000 deliveries in the ingest benchmark, and read it twice to find the shop's oldest
	 * delivery. Both reads take the shop's entries of the pending index in order and stop at what they need.
	 */
	@Test
	void theWorkersReadsCostWhatTheyTakeHoweverDeepABacklogTheStatisticsDoNotKnow() {
		String shop = shop("backlog");
		this.jdbc.sql("analyze webhook_inbox").update();
		TransactionTemplate transaction = new TransactionTemplate(this.transactions);
		transaction.executeWithoutResult((status) -> {
			status.setRollbackOnly();
			InboxRows.insert(this.jdbc, shop, "backlog", BACKLOG, "PENDING", null);
			assertThat(this.inbox.dueShops(64)).contains(shop);
			JsonNode due = plan(WebhookInbox.DUE_SHOPS, Map.of("limit", 64));
			assertThat(pagesRead(due)).as("pages read to find the shops due").isLessThan(BACKLOG / 50);
			JsonNode claim = plan(WebhookInbox.CLAIM, Map.of("shops", new String[] { shop }, "share", SHARE));
			assertThat(claim.get("Actual Rows").asLong()).isEqualTo(SHARE);
			assertThat(pagesRead(claim))
				.as("pages read to claim %d of %d deliveries", SHARE, BACKLOG)
				.isLessThan(BACKLOG / 50);
			assertThat(claim.get("Temp Written Blocks").asLong()).as("pages sorted on disk").isZero();

			List<Long> oldest = this.jdbc
				.sql("select id from webhook_inbox where shop_domain = :shop order by id limit :share")
				.param("shop", shop)
				.param("share", SHARE)
				.query(Long.class)
				.list();
			assertThat(this.inbox.claim(List.of(shop), SHARE)).extracting(WebhookInbox.Pending::id)
				.containsExactlyElementsOf(oldest);
		});
	}

	/**
	 * The operator page counts each status from its own index and reads the newest deliveries backwards, so it costs
	 * the same however many deliveries were applied: a count by status had read the whole table on every visit.
	 */
	@Test
	void theOperatorPageReadsWhatItShowsHoweverManyDeliveriesWereApplied() {
		String shop = shop("page");
		TransactionTemplate transaction = new TransactionTemplate(this.transactions);
		// one snapshot throughout, so the counts before and after differ only by what this test adds
		transaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		transaction.executeWithoutResult((status) -> {
			status.setRollbackOnly();
			WebhookInbox.Counts before = this.inbox.counts();
			// what the page reads already, of what other tests left in the inbox
			long countPages = pagesRead(plan(WebhookInbox.COUNTS, Map.of()));
			long newestPages = pagesRead(plan(WebhookInbox.NEWEST, Map.of("limit", 100)));
			InboxRows.insert(this.jdbc, shop, "parked-earlier", 2, "PARKED", "1 day");
			InboxRows.insert(this.jdbc, shop, "applied-earlier", BACKLOG, "DONE", "2 hours");
			InboxRows.insert(this.jdbc, shop, "applied", 3, "DONE", "10 seconds");
			List<Long> waiting = InboxRows.insert(this.jdbc, shop, "waiting", 7, "PENDING", null);
			List<Long> parked = InboxRows.insert(this.jdbc, shop, "parked", 5, "PARKED", "10 seconds");
			this.jdbc.sql("analyze webhook_inbox").update();

			WebhookInbox.Counts counts = this.inbox.counts();
			assertThat(counts.waiting() - before.waiting()).isEqualTo(7);
			assertThat(counts.parked() - before.parked()).isEqualTo(7);
			assertThat(counts.appliedLastMinute() - before.appliedLastMinute()).isEqualTo(3);
			// every parked delivery first, the newest first; then the newest of the others
			List<Long> shown = this.inbox.newest((int) counts.parked() + 7)
				.stream()
				.map(WebhookInbox.Entry::id)
				.toList();
			assertThat(shown.subList(0, 5)).containsExactlyElementsOf(parked);
			assertThat(shown.subList(shown.size() - 7, shown.size())).containsExactlyElementsOf(waiting);
			assertThat(pagesRead(plan(WebhookInbox.COUNTS, Map.of())) - countPages)
				.as("more pages read to count the deliveries with %d more applied", BACKLOG)
				.isLessThan(BACKLOG / 50);
			assertThat(pagesRead(plan(WebhookInbox.NEWEST, Map.of("limit", 100))) - newestPages)
				.as("more pages read for the newest 100 deliveries with %d more applied", BACKLOG)
				.isLessThan(BACKLOG / 50);
		});
	}

	/** The statement run, with its plan, as PostgreSQL reports it: rows, pages read and pages written to disk. */
	private JsonNode plan(String statement, Map<String, ?> parameters) {
		return this.json.readTree(this.jdbc.sql("explain (analyze, buffers, format json) " + statement)
			.params(parameters)
			.query(String.class)
			.single()).get(0).get("Plan");
	}

	private static long pagesRead(JsonNode plan) {
		return plan.get("Shared Hit Blocks").asLong() + plan.get("Shared Read Blocks").asLong();
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
