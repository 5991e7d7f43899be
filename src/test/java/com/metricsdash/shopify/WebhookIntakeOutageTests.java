package com.metricsdash.shopify;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import java.util.SortedMap;
import java.util.UUID;

import com.metricsdash.sales.DayTotal;
import com.metricsdash.sales.SalesTotals;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import com.metricsdash.testing.OwnStack;
import com.metricsdash.testing.Webhooks;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhook intake while PostgreSQL is down, for real (a PostgreSQL of this context's own, {@link OwnStack}, stopped
 * and started again): a delivery that cannot be stored is answered 503 with {@code Retry-After}, within a second or
 * two, so that Shopify delivers it again later; once the database is back, Shopify's retry of it (the same webhook
 * id) is answered 200 and the order is applied, once.
 */
@IntegrationTest
@Import(OwnStack.Configuration.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WebhookIntakeOutageTests {

	/** What a delivery may wait for its answer while the database is down: about 1 s, with room for a loaded machine. */
	private static final Duration PATIENCE = Duration.ofSeconds(5);

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	OwnStack stack;

	@Autowired
	SalesTotals totals;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whilePostgresIsDownDeliveriesAreRefusedWith503AndRetryAfterAndTheRetryIsAppliedOnceItIsBack()
			throws Exception {
		SimulatorOrders simulator = new SimulatorOrders(this.context);
		String shop = simulator.newShop("intake-outage", ZoneId.of("Asia/Tokyo"), 1, 0);
		UUID storeId = Installs.installAndSync(this.context, new Merchant(this.port), shop);
		simulator.dropDeliveries(shop);
		String order = simulator.orderPayload(shop, simulator.placeOrder(shop, new Random(13)));
		String webhookId = UUID.randomUUID().toString();
		Webhooks webhooks = new Webhooks(this.port);

		this.stack.stopPostgres();
		try {
			long started = System.nanoTime();
			HttpResponse<String> refused = webhooks.exchangeWithWebhookId(webhookId, "orders/create", shop, order);
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
					(seconds) -> assertThat(Integer.parseInt(seconds)).isPositive());
			assertThat(refused.body()).contains("database is unreachable");
			assertThat(took).isLessThan(PATIENCE);
		}
		finally {
			this.stack.startPostgres();
		}

		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
			.until(() -> webhooks.exchangeWithWebhookId(webhookId, "orders/create", shop, order).statusCode() == 200);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			SortedMap<LocalDate, DayTotal> expected = simulator.expectedDailyTotals(shop);
			assertThat(this.totals.daily(storeId, expected.firstKey(), expected.lastKey())).isEqualTo(expected);
		});
		assertThat(this.jdbc.sql("select status from webhook_inbox where webhook_id = :id")
			.param("id", webhookId)
			.query(String.class)
			.list()).containsExactly("DONE");
	}

}
