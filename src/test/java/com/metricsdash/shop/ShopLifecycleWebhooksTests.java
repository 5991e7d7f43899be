package com.metricsdash.shop;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.metricsdash.shopify.TokenGrant;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class ShopLifecycleWebhooksTests {

	@LocalServerPort
	int port;

	@Autowired
	StoreRepository stores;

	@Autowired
	StoreCredentials credentials;

	@Autowired
	JdbcClient jdbc;

	final String shop = "lifecycle-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";

	UUID storeId;

	@BeforeEach
	void installedStore() {
		this.storeId = this.stores.install(this.shop);
		this.credentials.save(this.storeId, new TokenGrant("shpat_1", Instant.now().plusSeconds(3600), "shprt_1",
				Instant.now().plusSeconds(86400), "read_orders"));
	}

	@Test
	void appUninstalledDestroysTheCredentialsAndMarksTheStore() {
		new Webhooks(this.port).deliver("app/uninstalled", this.shop, UUID.randomUUID().toString(),
				Webhooks.uninstalledBody(this.shop));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.stores.findById(this.storeId)).get()
				.extracting(Store::status)
				.isEqualTo(StoreStatus.UNINSTALLED));
		assertThat(this.jdbc.sql("select count(*) from store_credential where store_id = :id")
			.param("id", this.storeId)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void anUninstallTriggeredBeforeTheCurrentInstallArrivingLateDestroysNothing() {
		Instant beforeInstall = this.stores.findById(this.storeId).orElseThrow().installedAt().minusSeconds(3600);

		new Webhooks(this.port).deliverTriggeredAt(beforeInstall, "app/uninstalled", this.shop,
				Webhooks.uninstalledBody(this.shop));

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.jdbc
			.sql("select status from webhook_inbox where shop_domain = :shop and topic = 'app/uninstalled'")
			.param("shop", this.shop)
			.query(String.class)
			.single()).isEqualTo("DONE"));
		assertThat(this.stores.findById(this.storeId)).get().extracting(Store::status).isEqualTo(StoreStatus.INSTALLED);
		assertThat(this.jdbc.sql("select count(*) from store_credential where store_id = :id")
			.param("id", this.storeId)
			.query(Integer.class)
			.single()).isOne();
	}

	@Test
	void aReinstallAfterUninstallingRevivesTheSameStore() {
		this.stores.markUninstalled(this.storeId);

		assertThat(this.stores.install(this.shop)).isEqualTo(this.storeId);
		assertThat(this.stores.findById(this.storeId)).get().extracting(Store::status).isEqualTo(StoreStatus.INSTALLED);
	}

	@Test
	void shopRedactErasesTheUninstalledStoreWithAllItsRows() {
		this.stores.markUninstalled(this.storeId);
		new Webhooks(this.port).deliver("shop/redact", this.shop, UUID.randomUUID().toString(),
				"{\"shop_domain\": \"" + this.shop + "\"}");

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.stores.findById(this.storeId)).isEmpty());
		assertThat(this.jdbc.sql("select count(*) from store_credential where store_id = :id")
			.param("id", this.storeId)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void shopRedactLeavesAStoreThatHasTheAppInstalled() {
		String webhookId = UUID.randomUUID().toString();
		new Webhooks(this.port).deliverWithWebhookId(webhookId, "shop/redact", this.shop, UUID.randomUUID().toString(),
				"{\"shop_domain\": \"" + this.shop + "\"}");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.jdbc.sql("select status from webhook_inbox where webhook_id = :id")
				.param("id", webhookId)
				.query(String.class)
				.single()).isEqualTo("DONE"));
		assertThat(this.stores.findById(this.storeId)).get().extracting(Store::status).isEqualTo(StoreStatus.INSTALLED);
		assertThat(this.jdbc.sql("select count(*) from store_credential where store_id = :id")
			.param("id", this.storeId)
			.query(Integer.class)
			.single()).isOne();
	}

	@Test
	void customerDataRequestsAreAcknowledgedAndCompleted() {
		String event = "customers-" + UUID.randomUUID();
		new Webhooks(this.port).deliver("customers/data_request", this.shop, event,
				"{\"shop_domain\": \"" + this.shop + "\", \"customer\": {\"id\": 1}}");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.jdbc.sql("select status from webhook_inbox where event_id = :event")
				.param("event", event)
				.query(String.class)
				.single()).isEqualTo("DONE"));
	}

	/**
	 * The signature covers the body, not the headers: a signed body of another shop (or one naming no shop), sent
	 * with this shop's header, must not uninstall or erase this shop, nor reach the inbox at all.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			app/uninstalled        | {"name": "Other", "domain": "SHOP", "myshopify_domain": "other-shop.myshopify.com"}
			app/uninstalled        | {"name": "Other", "domain": "SHOP"}
			shop/redact            | {"shop_id": 1, "shop_domain": "other-shop.myshopify.com"}
			shop/redact            | {"shop_id": 1}
			customers/redact       | {"shop_domain": "other-shop.myshopify.com", "orders_to_redact": [1]}
			customers/data_request | {"shop_domain": ["SHOP"], "orders_requested": [1]}
			""")
	void aShopDeliveryWhoseBodyDoesNotNameTheHeadersShopIsAcknowledgedButNeverActedOn(String topic, String body) {
		assertThat(new Webhooks(this.port).deliver(topic, this.shop, UUID.randomUUID().toString(),
				body.replace("SHOP", this.shop))).isEqualTo(200);

		assertThat(this.jdbc.sql("select count(*) from webhook_inbox where shop_domain = :shop")
			.param("shop", this.shop)
			.query(Integer.class)
			.single()).as("stored deliveries").isZero();
		assertThat(this.stores.findById(this.storeId)).get().extracting(Store::status).isEqualTo(StoreStatus.INSTALLED);
		assertThat(this.jdbc.sql("select count(*) from store_credential where store_id = :id")
			.param("id", this.storeId)
			.query(Integer.class)
			.single()).isOne();
	}

}
