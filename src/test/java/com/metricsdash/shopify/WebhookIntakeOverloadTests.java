package com.metricsdash.shopify;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The intake under overload: with one place to store deliveries, and that place held by a delivery whose insert the
 * database cannot take yet, the next delivery is answered 503 with {@code Retry-After} within the intake's wait, not
 * queued behind it, and the held one is stored once the database takes it.
 */
@IntegrationTest
@TestPropertySource(properties = { "metricsdash.webhooks.intake-concurrency=1", "metricsdash.webhooks.intake-wait=300ms" })
class WebhookIntakeOverloadTests {

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aDeliveryThatFindsTheIntakeFullIsAnswered503WithRetryAfterAndTheHeldOneIsStored() throws Exception {
		String shop = "overload-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		Webhooks webhooks = new Webhooks(this.port);
		CompletableFuture<HttpResponse<String>> held;
		try (Connection database = this.dataSource.getConnection(); Statement statement = database.createStatement()) {
			database.setAutoCommit(false);
			statement.execute("lock table webhook_inbox in exclusive mode");
			held = CompletableFuture.supplyAsync(() -> webhooks.exchange("orders/create", shop, "{\"id\": 1}"));
			await().atMost(Duration.ofSeconds(10)).until(() -> InboxWriterTests.anInsertWaitsForTheLock(this.jdbc));

			// without the bound it would wait for the lock too: the answer must come within the intake's wait
			HttpResponse<String> refused = CompletableFuture
				.supplyAsync(() -> webhooks.exchange("orders/create", shop, "{\"id\": 2}"))
				.get(5, TimeUnit.SECONDS);

			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(refused.body()).contains("Shopify's retry will be");
			assertThat(held).isNotDone();
			database.rollback();
		}
		assertThat(held.get().statusCode()).isEqualTo(200);
		assertThat(this.jdbc.sql("select count(*) from webhook_inbox where shop_domain = :shop")
			.param("shop", shop)
			.query(Integer.class)
			.single()).as("the held delivery alone").isOne();
		assertThat(webhooks.exchange("orders/create", shop, "{\"id\": 3}").statusCode()).as("the place is free again")
			.isEqualTo(200);
	}

}
