package com.metricsdash.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dashboard read writes nothing while the figures stay the same: what it remembers for an outage (the dashboard, the
 * settings it was shown under, the bearer's store) is written when it changed, or once a minute. Told by the keys'
 * time to live in the real Redis, which a write would reset to three days.
 */
@IntegrationTest
class DashboardReadsTests {

	private static final Duration KEPT_FOR = Duration.ofDays(3);

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void readsOfUnchangedFiguresWriteNothingAndAChangeIsRememberedAtTheNextRead() throws Exception {
		SimulatorOrders simulator = new SimulatorOrders(this.context);
		String shop = simulator.newShop("reads", ZoneId.of("Europe/Paris"), 1, 0);
		UUID storeId = Installs.installAndSync(this.context, new Merchant(this.port), shop);
		// the sync is complete just before its first import of Shopify's sessions, which brings the conversion
		await().atMost(Duration.ofSeconds(10)).until(() -> this.jdbc
			.sql("select exists (select 1 from traffic_hourly where store_id = :store and source = 'SHOPIFY')")
			.param("store", storeId)
			.query(Boolean.class)
			.single());
		List<String> keys = List.of("metricsdash:last:dashboard:" + storeId + ":yesterday",
				"metricsdash:last:dashboard-settings:" + storeId, "metricsdash:last:store-owner:" + shop);
		assertThat(read(storeId, shop)).isEqualTo(200);
		// written by the instance's writer thread, just after the read's answer
		await().atMost(Duration.ofSeconds(5)).until(() -> keys.stream().allMatch(this.redis::hasKey));
		List<Long> remembered = keys.stream().map(this::millisToLive).toList();
		assertThat(remembered).allSatisfy((ttl) -> assertThat(ttl).isGreaterThan(KEPT_FOR.toMillis() - 60_000));

		Thread.sleep(1_100);
		for (int i = 0; i < 20; i++) {
			assertThat(read(storeId, shop)).isEqualTo(200);
		}

		for (int i = 0; i < keys.size(); i++) {
			assertThat(millisToLive(keys.get(i))).as(keys.get(i) + " not written again")
				.isLessThanOrEqualTo(remembered.get(i) - 1_000);
		}
		simulator.placeOrder(shop, new Random(3));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(read(storeId, shop)).isEqualTo(200);
			assertThat(this.redis.opsForValue().get(keys.get(0))).contains("\"today\":1");
		});
		assertThat(millisToLive(keys.get(0))).as("the changed dashboard written again, the unchanged settings not")
			.isGreaterThan(millisToLive(keys.get(1)) + 1_000);
	}

	private long millisToLive(String key) {
		Long ttl = this.redis.getExpire(key, TimeUnit.MILLISECONDS);
		assertThat(ttl).as(key).isNotNull().isPositive();
		return ttl;
	}

	private int read(UUID storeId, String shop) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/stores/" + storeId + "/dashboard"))
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + new SimulatorFixture(this.context).idToken(shop))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
	}

}
