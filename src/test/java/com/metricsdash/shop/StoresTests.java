package com.metricsdash.shop;

import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;

import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance keeps the stores it looked up until PostgreSQL announces a change to one, whoever made it. Told apart
 * by a change made without the announcement (triggers off for one transaction, as no code of the app can), which
 * only a store read again would see.
 */
@IntegrationTest
class StoresTests {

	private static final Duration ANNOUNCED_WITHIN = Duration.ofSeconds(5);

	@Autowired
	Stores stores;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aStoreLookedUpIsKeptUntilAChangeToItsRowIsAnnounced() throws InterruptedException {
		String shop = "lookups-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		UUID storeId = new StoreSeeds(this.context).install(shop, ZoneId.of("Europe/Paris"), "EUR");
		Thread.sleep(1_000); // the install's own announcements arrive within milliseconds: lookups after them are kept
		assertThat(this.stores.installed(new ShopDomain(shop)))
			.hasValueSatisfying((store) -> assertThat(store.currency()).isEqualTo("EUR"));
		assertThat(this.stores.installed(storeId)).hasValueSatisfying(
				(store) -> assertThat(store.currency()).isEqualTo("EUR"));

		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("set local session_replication_role = replica").update();
			this.jdbc.sql("update store set currency = 'USD' where id = :id").param("id", storeId).update();
		});
		assertThat(this.stores.installed(new ShopDomain(shop))).as("by its shop, the change unannounced")
			.hasValueSatisfying((store) -> assertThat(store.currency()).isEqualTo("EUR"));
		assertThat(this.stores.installed(storeId)).as("by its id, the change unannounced")
			.hasValueSatisfying((store) -> assertThat(store.currency()).isEqualTo("EUR"));

		this.jdbc.sql("update store set currency = 'GBP' where id = :id").param("id", storeId).update();
		await().atMost(ANNOUNCED_WITHIN).untilAsserted(() -> assertThat(this.stores.installed(storeId))
			.hasValueSatisfying((store) -> assertThat(store.currency()).isEqualTo("GBP")));
		assertThat(this.stores.installed(new ShopDomain(shop))).as("by its shop")
			.hasValueSatisfying((store) -> assertThat(store.currency()).isEqualTo("GBP"));

		this.jdbc.sql("update store set status = 'UNINSTALLED' where id = :id").param("id", storeId).update();
		await().atMost(ANNOUNCED_WITHIN).until(() -> this.stores.installed(storeId).isEmpty());
		assertThat(this.stores.installed(new ShopDomain(shop))).as("by its shop, once uninstalled").isEmpty();
	}

}
