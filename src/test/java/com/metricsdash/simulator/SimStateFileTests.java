package com.metricsdash.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SimStateFileTests {

	@TempDir
	Path directory;

	@Test
	void shopsTheirTokensAndSubscriptionsSurviveARestart() throws Exception {
		Path file = this.directory.resolve("state/simulator.json");
		SimulatedShops shops = new SimulatedShops();
		SimShop shop = shops.add(new DemoShopFactory(TestSimulator.CLOCK).create("saved.myshopify.com",
				ZoneId.of("Europe/Berlin"), 9, 3, 30));
		shop.installed(true);
		shop.grantScopes(List.of("read_orders", "read_reports"));
		String accessToken = shop.issueAccessToken(TestSimulator.NOW.plusSeconds(3600));
		String refreshToken = shop.issueRefreshToken(TestSimulator.NOW.plusSeconds(86_400));
		TestSimulator.subscribe(shop, "http://127.0.0.1:1/webhooks/shopify", "ORDERS_CREATE");
		shops.add(new SimShop("empty.myshopify.com", "Empty", ZoneId.of("UTC"), "EUR", 1));

		new SimStateFile(shops, TestSimulator.JSON, TestSimulator.properties(file, 0)).save();
		SimulatedShops restarted = new SimulatedShops();
		new SimStateFile(restarted, TestSimulator.JSON, TestSimulator.properties(file, 0)).afterPropertiesSet();

		assertThat(restarted.all()).hasSize(2);
		SimShop restored = restarted.find("saved.myshopify.com").orElseThrow();
		assertThat(restored.name()).isEqualTo(shop.name());
		assertThat(restored.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
		assertThat(restored.currency()).isEqualTo("USD");
		assertThat(restored.installed()).isTrue();
		assertThat(restored.demo()).isTrue();
		assertThat(restored.locations()).isEqualTo(shop.locations());
		assertThat(restored.products()).isEqualTo(shop.products());
		assertThat(restored.variants()).isEqualTo(shop.variants());
		assertThat(restored.levels()).isEqualTo(shop.levels());
		assertThat(restored.orders()).isEqualTo(shop.orders());
		assertThat(restored.webhookSubscriptions()).isEqualTo(shop.webhookSubscriptions());
		assertThat(restored.grants()).isEqualTo(shop.grants());
		assertThat(restored.scopes()).containsExactly("read_orders", "read_reports");
		LocalDate today = LocalDate.ofInstant(TestSimulator.NOW, shop.timezone());
		assertThat(restored.sessions(today.minusDays(2), today, TestSimulator.NOW))
			.isEqualTo(shop.sessions(today.minusDays(2), today, TestSimulator.NOW))
			.isNotEmpty();
		assertThat(restored.validAccessToken(accessToken, TestSimulator.NOW)).isTrue();
		assertThat(restored.redeemRefreshToken(refreshToken, TestSimulator.NOW)).isTrue();
		assertThat(restored.dailyTotals()).isEqualTo(shop.dailyTotals());
		assertThat(restored.nextId()).isEqualTo(shop.nextId());
		assertThat(restarted.find("empty.myshopify.com").orElseThrow().currency()).isEqualTo("EUR");
		try (Stream<Path> files = Files.list(file.getParent())) {
			assertThat(files).containsExactly(file);
		}
	}

}
