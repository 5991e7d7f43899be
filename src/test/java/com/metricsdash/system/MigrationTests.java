package com.metricsdash.system;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import com.metricsdash.testing.IntegrationTest;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class MigrationTests {

	private final String database = "migration_" + UUID.randomUUID().toString().replace("-", "");

	@Autowired
	JdbcTemplate appDatabase;

	@Autowired
	JdbcConnectionDetails connection;

	@BeforeEach
	void createDatabase() {
		this.appDatabase.execute("create database " + this.database);
	}

	@AfterEach
	void dropDatabase() {
		this.appDatabase.execute("drop database if exists " + this.database + " with (force)");
	}

	@Test
	void everyMigrationAppliesToAFreshDatabase() throws IOException {
		MigrateResult result = migrate();

		try (Stream<Path> files = Files.list(Path.of("db/migration"))) {
			assertThat(result.migrationsExecuted).isEqualTo(files.count()).isPositive();
		}
		assertThat(result.success).isTrue();
	}

	@Test
	void schemaHoldsTheWholeDataModel() {
		JdbcTemplate db = migratedDatabase();

		assertThat(db.queryForList("select table_name from information_schema.tables where table_schema = 'public'",
				String.class))
			.contains("store", "store_credential", "sync_phase", "location", "product", "product_variant",
					"inventory_item", "inventory_level", "inventory_history", "shop_order", "order_line_item",
					"refund", "sales_hourly", "sales_minutely", "traffic_hourly", "inventory_alert", "store_settings",
					"webhook_inbox", "reconciliation_run", "shedlock", "bulk_file_line", "alert_variant_setting");
	}

	@Test
	void anOrderImportedTwiceIsStoredOnce() {
		JdbcTemplate db = migratedDatabase();
		UUID store = db.queryForObject(
				"insert into store (shopify_domain) values ('twice.myshopify.com') returning id", UUID.class);
		String upsert = """
				insert into shop_order (store_id, shopify_id, processed_at, shopify_created_at, shopify_updated_at,
				                        currency, total_price)
				values (?, 5800000000001, now(), now(), now(), 'USD', 19.99)
				on conflict (store_id, shopify_id) do nothing""";

		assertThat(db.update(upsert, store)).isEqualTo(1);
		assertThat(db.update(upsert, store)).isZero();
		assertThat(db.queryForObject("select count(*) from shop_order", Integer.class)).isEqualTo(1);
	}

	@Test
	void aShopDomainThatIsNotMyshopifyIsRejectedByTheDatabaseToo() {
		JdbcTemplate db = migratedDatabase();

		assertThatThrownBy(() -> db.update("insert into store (shopify_domain) values ('evil.com')"))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void theWebhookIdBecomesTheKeyWithoutLosingADeliveryStoredUnderTheEventId() {
		migrate("2");
		JdbcTemplate db = database();
		String insert = """
				insert into webhook_inbox (event_id, webhook_id, topic, shop_domain, payload)
				values (?, ?, ?, 'old.myshopify.com', '{}')""";
		db.update(insert, "event-1", "webhook-1", "orders/create");
		db.update(insert, "event-2", null, "orders/create");
		db.update(insert, "event-3", null, "inventory_levels/update");

		migrate("latest");

		assertThat(db.queryForList("select webhook_id from webhook_inbox order by id", String.class))
			.containsExactly("webhook-1", "event:event-2", "event:event-3");
		assertThat(db.update(insert, "event-1", "webhook-2", "inventory_levels/update")).as("the same event again")
			.isOne();
		assertThat(db.update(insert, null, "webhook-3", "orders/create")).as("no event id").isOne();
		assertThatThrownBy(() -> db.update(insert, "event-4", "webhook-1", "orders/create")).as("a repeated webhook id")
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> db.update(insert, "event-5", null, "orders/create")).as("no webhook id")
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void theOrdersBeforeMinuteRollupsAreRolledUpByMinuteAsTheyCount() {
		migrate("18");
		JdbcTemplate db = database();
		UUID store = db.queryForObject(
				"insert into store (shopify_domain) values ('minutes.myshopify.com') returning id", UUID.class);
		String order = """
				insert into shop_order (store_id, shopify_id, processed_at, shopify_created_at, shopify_updated_at,
				                        currency, total_price, test, cancelled_at)
				values (?, ?, cast(? as timestamptz), now(), now(), 'USD', ?, ?, cast(? as timestamptz))""";
		db.update(order, store, 1, "2026-06-14T09:00:10Z", new BigDecimal("1.50"), false, null);
		db.update(order, store, 2, "2026-06-14T09:00:59.9Z", new BigDecimal("2.25"), false, null);
		db.update(order, store, 3, "2026-06-14T09:01:00Z", new BigDecimal("4.00"), false, null);
		db.update(order, store, 4, "2026-06-14T09:01:30Z", new BigDecimal("8.00"), true, null);
		db.update(order, store, 5, "2026-06-14T09:02:00Z", new BigDecimal("16.00"), false, "2026-06-14T10:00:00Z");

		migrate("latest");

		assertThat(db.queryForList("""
				select to_char(minute at time zone 'UTC', 'HH24:MI') || ' ' || orders || ' ' || revenue
				from sales_minutely where store_id = ? order by minute""", String.class, store))
			.containsExactly("09:00 2 3.7500", "09:01 1 4.0000");
	}

	private JdbcTemplate migratedDatabase() {
		migrate();
		return database();
	}

	private JdbcTemplate database() {
		return new JdbcTemplate(new DriverManagerDataSource(url(), this.connection.getUsername(),
				this.connection.getPassword()));
	}

	private MigrateResult migrate() {
		return migrate("latest");
	}

	private MigrateResult migrate(String target) {
		return Flyway.configure().dataSource(url(), this.connection.getUsername(), this.connection.getPassword())
			.locations("classpath:db/migration")
			.target(target)
			.load()
			.migrate();
	}

	private String url() {
		return this.connection.getJdbcUrl().replace("/metricsdash", "/" + this.database);
	}

}
