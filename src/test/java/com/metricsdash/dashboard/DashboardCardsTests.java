package com.metricsdash.dashboard;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.system.Money;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class DashboardCardsTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	DashboardFigures figures;

	@Autowired
	Stores stores;

	@Test
	void theSignedInMerchantSeesTodaysFiguresAsTheDashboardWorksThemOut() {
		SimulatorOrders simulator = new SimulatorOrders(this.context);
		Merchant merchant = new Merchant(this.port);
		String shop = simulator.newShop("cards", ZoneId.of("America/New_York"), 3, 0);
		UUID storeId = Installs.installAndSync(this.context, merchant, shop);
		StoreRef store = this.stores.installed(storeId).orElseThrow();
		Random random = new Random(5);
		simulator.placeOrder(shop, random);
		simulator.placeOrder(shop, random);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.figures.figures(store, Comparison.YESTERDAY).dashboard().orders().today().intValue() == 2);
		Dashboard dashboard = this.figures.figures(store, Comparison.YESTERDAY).dashboard();

		HttpResponse<String> cards = merchant.get("/dashboard/cards");

		assertThat(cards.statusCode()).isEqualTo(200);
		assertThat(value(cards.body(), "orders")).isEqualTo("2");
		assertThat(value(cards.body(), "revenue"))
			.isEqualTo(Money.format(dashboard.revenue().today(), store.currency()));
		assertThat(dashboard.revenue().today()).isPositive();
		assertThat(cards.body()).contains("vs 0 yesterday, same time")
			.contains("data-updated-at=")
			.contains("aria-live=\"polite\"")
			.contains("role=\"img\"")
			.doesNotContain("hx-swap-oob");
	}

	@Test
	void aVisitorIsSentToSignIn() {
		HttpResponse<String> cards = new Merchant(this.port).get("/dashboard/cards");

		assertThat(cards.statusCode()).isEqualTo(302);
		assertThat(Merchant.location(cards)).endsWith("/");
	}

	/** The shown value of a figure's card. */
	static String value(String html, String figure) {
		Matcher value = Pattern
			.compile("data-figure=\"" + figure + "\".*?class=\"figure-value\">([^<]*)<", Pattern.DOTALL)
			.matcher(html);
		assertThat(value.find()).as("a %s card", figure).isTrue();
		return value.group(1);
	}

}
