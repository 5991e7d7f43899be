package com.metricsdash;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import com.metricsdash.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The compliance webhooks leave nothing of what they erase: every column of every table of the schema, read from
 * {@code information_schema} so that a table added later is searched too, is looked through as text for the erased
 * shop's domain and store id, or the redacted customer's id, e-mail and order token.
 */
@IntegrationTest
class ErasureTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	Webhooks webhooks;

	@BeforeEach
	void setUp() {
		this.webhooks = new Webhooks(this.port);
	}

	@Test
	void shopRedactLeavesNothingOfTheShopInAnyTable() {
		SimulatorOrders simulator = new SimulatorOrders(this.context);
		String shop = simulator.newShop("erased", ZoneId.of("Europe/Paris"), 3, 4);
		UUID storeId = Installs.installAndSync(this.context, new Merchant(this.port), shop);
		simulator.placeOrder(shop, new Random(7));
		this.jdbc.sql("insert into digest_recipient (store_id, email) values (:store, 'owner@example.com')")
			.param("store", storeId)
			.update();
		await().atMost(WAIT).until(() -> doneFor(shop) >= 2);
		assertThat(this.webhooks.deliver("app/uninstalled", shop, UUID.randomUUID().toString(),
				Webhooks.uninstalledBody(shop))).isEqualTo(200);
		await().atMost(WAIT).until(() -> "UNINSTALLED".equals(this.jdbc
			.sql("select status from store where id = :id")
			.param("id", storeId)
			.query(String.class)
			.single()));
		assertThat(tablesHolding(shop)).as("the search finds the shop before it is erased")
			.contains("store.shopify_domain", "webhook_inbox.shop_domain");
		assertThat(tablesHolding(storeId.toString())).contains("store.id", "shop_order.store_id", "product_variant.store_id", "sync_phase.store_id", "digest_recipient.store_id");

		assertThat(this.webhooks.deliver("shop/redact", shop, UUID.randomUUID().toString(),
				"{\"shop_id\": 548380009, \"shop_domain\": \"" + shop + "\"}")).isEqualTo(200);

		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(tablesHolding(shop)).isEmpty();
			assertThat(tablesHolding(storeId.toString())).isEmpty();
		});
	}

	@Test
	void customersRedactLeavesNothingOfTheCustomerInAnyTable() {
		String shop = "redacting-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		this.jdbc.sql("""
				insert into store (shopify_domain, timezone, currency, sync_status)
				values (:shop, 'America/New_York', 'USD', 'COMPLETE')""")
			.param("shop", shop)
			.update();
		long customerId = 6_620_000_000_000L + new Random().nextInt(1_000_000);
		String email = "ada." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String token = "tok" + UUID.randomUUID().toString().replace("-", "");
		long orderId = 5_550_000_000_000L + new Random().nextInt(1_000_000);
		long otherOrderId = orderId + 1;
		this.webhooks.deliver("orders/create", shop, UUID.randomUUID().toString(),
				order(orderId, customerId, email, token));
		this.webhooks.deliver("refunds/create", shop, UUID.randomUUID().toString(), """
				{"id": %d, "order_id": %d, "created_at": "2026-11-25T08:00:00-05:00",
				 "processed_at": "2026-11-25T08:00:00-05:00", "note": "%s asked",
				 "transactions": [{"kind": "refund", "status": "success", "amount": "5.00", "currency": "USD"}]}"""
			.formatted(orderId + 10, orderId, email));
		String otherToken = "tok" + UUID.randomUUID().toString().replace("-", "");
		this.webhooks.deliver("orders/create", shop, UUID.randomUUID().toString(),
				order(otherOrderId, customerId + 1, "bo@example.com", otherToken));
		await().atMost(WAIT).until(() -> doneFor(shop) == 3);
		assertThat(tablesHolding(token)).as("the search finds the customer's order before the redaction")
			.containsExactly("webhook_inbox.payload");

		assertThat(this.webhooks.deliver("customers/redact", shop, UUID.randomUUID().toString(), """
				{"shop_id": 548380009, "shop_domain": "%s",
				 "customer": {"id": %d, "email": "%s", "phone": "555-625-1199"}, "orders_to_redact": [%d]}"""
			.formatted(shop, customerId, email, orderId))).isEqualTo(200);

		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(doneFor(shop)).isEqualTo(4);
			assertThat(tablesHolding(String.valueOf(customerId))).isEmpty();
			assertThat(tablesHolding(email)).isEmpty();
			assertThat(tablesHolding(token)).isEmpty();
		});
		assertThat(tablesHolding(otherToken)).as("another customer's order").containsExactly("webhook_inbox.payload");
		assertThat(this.jdbc.sql("select count(*) from shop_order where shopify_id = :id")
			.param("id", orderId)
			.query(Integer.class)
			.single()).as("the sale itself stays counted").isOne();
	}

	/** Every {@code table.column} of the schema whose value, as text, contains {@code needle}. */
	private List<String> tablesHolding(String needle) {
		List<String> columns = this.jdbc.sql("""
				select c.table_name || '.' || c.column_name from information_schema.columns c
				join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
				where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
				order by 1""")
			.query(String.class)
			.list();
		assertThat(columns).as("columns searched").hasSizeGreaterThan(100);
		List<String> holding = new ArrayList<>();
		for (String column : columns) {
			String[] name = column.split("\\.");
			boolean found = this.jdbc
				.sql("select exists (select 1 from \"%s\" where strpos(cast(\"%s\" as text), :needle) > 0)"
					.formatted(name[0], name[1]))
				.param("needle", needle)
				.query(Boolean.class)
				.single();
			if (found) {
				holding.add(column);
			}
		}
		return holding;
	}

	private int doneFor(String shop) {
		return this.jdbc.sql("select count(*) from webhook_inbox where shop_domain = :shop and status = 'DONE'")
			.param("shop", shop)
			.query(Integer.class)
			.single();
	}

	/** An order as Shopify sends it, with the personal fields it carries at several depths. */
	private static String order(long id, long customerId, String email, String token) {
		return """
				{"id": %1$d, "name": "#1001", "token": "%4$s", "email": "%3$s", "contact_email": "%3$s",
				 "created_at": "2026-11-25T07:00:00-05:00", "processed_at": "2026-11-25T07:00:00-05:00",
				 "updated_at": "2026-11-25T07:00:00-05:00", "currency": "USD", "test": false,
				 "total_price_set": {"shop_money": {"amount": "25.00", "currency_code": "USD"}},
				 "financial_status": "paid",
				 "order_status_url": "https://shop.example.com/1/orders/%4$s/authenticate?key=k",
				 "customer": {"id": %2$d, "email": "%3$s", "default_address": {"address1": "1 Main St"}},
				 "billing_address": {"address1": "1 Main St"}, "shipping_address": {"address1": "1 Main St"},
				 "line_items": [{"id": %1$d1, "variant_id": 1, "product_id": 2, "sku": "MUG", "quantity": 1,
				   "current_quantity": 1, "price": "25.00",
				   "properties": [{"name": "Engraving", "value": "For %3$s"}]}]}""".formatted(id, customerId, email, token);
	}

}
