package com.metricsdash.shop;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import com.metricsdash.MetricsDashApplication;
import com.metricsdash.shopify.AdminDocument;
import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.testing.Merchant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Stops the whole app and starts it again: what was stored must be all it takes to keep talking to Shopify. */
class TokenRestartTests {

	@TempDir
	Path simulatorState;

	@Test
	void sealedCredentialsAndTheirRotationSurviveARestart() throws IOException {
		String shop;
		UUID storeId;
		String refreshTokenBeforeRestart;
		try (ConfigurableApplicationContext app = start()) {
			shop = new SimulatorFixture(app).newShop("restart");
			new Merchant(port(app)).install(shop);
			storeId = app.getBean(StoreRepository.class).findByShopifyDomain(shop).orElseThrow().id();
			expireSoon(app, storeId);
			app.getBean(StoreAdminApi.class).execute(storeId, AdminDocument.SHOP, Map.of());
			refreshTokenBeforeRestart = credential(app, storeId).refreshToken();
		}

		try (ConfigurableApplicationContext app = start()) {
			assertThat(credential(app, storeId).refreshToken()).isEqualTo(refreshTokenBeforeRestart);
			expireSoon(app, storeId);

			assertThat(app.getBean(StoreAdminApi.class).execute(storeId, AdminDocument.SHOP, Map.of()).path("shop")
				.path("name")
				.asString()).isEqualTo("Shop restart");
			assertThat(credential(app, storeId).refreshToken()).isNotEqualTo(refreshTokenBeforeRestart);
		}
	}

	private ConfigurableApplicationContext start() throws IOException {
		return new SpringApplicationBuilder(MetricsDashApplication.class).profiles("local", "test")
			.run("--server.port=" + freePort(),
					"--metricsdash.simulator.state-file=" + this.simulatorState.resolve("simulator.json"));
	}

	private static int port(ConfigurableApplicationContext app) {
		return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
	}

	private static void expireSoon(ConfigurableApplicationContext app, UUID storeId) {
		app.getBean(JdbcClient.class)
			.sql("update store_credential set access_token_expires_at = now() + interval '1 minute' where store_id = :id")
			.param("id", storeId)
			.update();
	}

	private static StoreCredentials.Credential credential(ConfigurableApplicationContext app, UUID storeId) {
		return app.getBean(TransactionTemplate.class)
			.execute((status) -> app.getBean(StoreCredentials.class).lock(storeId).orElseThrow());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
