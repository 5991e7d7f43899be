package com.metricsdash.shop;

import java.util.Map;
import java.util.UUID;

import com.metricsdash.shopify.AdminDocument;
import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class TokenRefreshTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	StoreAdminApi api;

	@Autowired
	StoreCredentials credentials;

	@Autowired
	StoreRepository stores;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	SimulatorFixture simulator;

	Merchant merchant;

	String shop;

	UUID storeId;

	@BeforeEach
	void installedStore() {
		this.simulator = new SimulatorFixture(this.context);
		this.merchant = new Merchant(this.port);
		this.shop = this.simulator.newShop("refresh");
		this.merchant.install(this.shop);
		this.storeId = this.stores.findByShopifyDomain(this.shop).orElseThrow().id();
	}

	@Test
	void aTokenAboutToExpireIsRefreshedBeforeUseWithBothTokensRotatedTogether() {
		StoreCredentials.Credential before = credential();
		expireSoon();

		assertThat(this.api.execute(this.storeId, AdminDocument.SHOP, Map.of()).path("shop").path("name").asString())
			.isEqualTo("Shop refresh");

		StoreCredentials.Credential after = credential();
		assertThat(after.accessToken()).isNotEqualTo(before.accessToken());
		assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
		assertThat(after.accessTokenExpiresAt()).isAfter(before.accessTokenExpiresAt());
	}

	@Test
	void aTokenWithTimeLeftIsUsedAsItIs() {
		StoreCredentials.Credential before = credential();

		this.api.execute(this.storeId, AdminDocument.SHOP, Map.of());

		assertThat(credential().accessToken()).isEqualTo(before.accessToken());
	}

	@Test
	void aRefusedRefreshAsksTheMerchantToReconnect() {
		this.simulator.revokeTokens(this.shop);
		expireSoon();

		assertThatThrownBy(() -> this.api.execute(this.storeId, AdminDocument.SHOP, Map.of()))
			.isInstanceOf(ReconnectRequiredException.class);
		assertThat(this.stores.findById(this.storeId)).get()
			.extracting(Store::status)
			.isEqualTo(StoreStatus.RECONNECT_REQUIRED);
		assertThat(this.merchant.get("/").body()).contains("Reconnect your store");

		this.merchant.install(this.shop);
		assertThat(this.stores.findById(this.storeId)).get().extracting(Store::status).isEqualTo(StoreStatus.INSTALLED);
	}

	@Test
	void aStoreAlreadyWaitingForItsOwnerAsksForReconnectionWithoutCallingShopify() {
		// Its tokens still work at Shopify: a call made anyway would answer instead of failing.
		this.stores.updateStatus(this.storeId, StoreStatus.RECONNECT_REQUIRED);

		assertThatThrownBy(() -> this.api.execute(this.storeId, AdminDocument.SHOP, Map.of()))
			.isInstanceOf(ReconnectRequiredException.class);
	}

	@Test
	void anAccessTokenShopifyRefusesMidFlightIsReplacedOnce() {
		this.simulator.revokeAccessTokens(this.shop);

		assertThat(this.api.execute(this.storeId, AdminDocument.SHOP, Map.of()).path("shop").path("name").asString())
			.isEqualTo("Shop refresh");
	}

	private void expireSoon() {
		this.jdbc.sql("update store_credential set access_token_expires_at = now() + interval '1 minute' where store_id = :id")
			.param("id", this.storeId)
			.update();
	}

	private StoreCredentials.Credential credential() {
		return this.transactions.execute((status) -> this.credentials.lock(this.storeId).orElseThrow());
	}

}
