package com.metricsdash.simulator;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import com.metricsdash.simulator.SimModel.Order;
import com.metricsdash.simulator.SimModel.Variant;
import com.metricsdash.simulator.WebhookReceiver.Received;
import com.metricsdash.testing.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class SimulatorPageTests {

	@Autowired
	RestTestClient client;

	@Autowired
	SimulatedShops shops;

	@Autowired
	DemoShopFactory factory;

	@Autowired
	SimWebhooks webhooks;

	@Test
	void theDemoStoreExistsFromTheStart() {
		SimShop demo = this.shops.find("demo-store.myshopify.com").orElseThrow();
		assertThat(demo.timezone()).isEqualTo(ZoneId.of("America/New_York"));
		assertThat(demo.orders()).hasSizeBetween(9_500, 10_500);
	}

	@Test
	void pageListsShopsWithTheirFigures() {
		SimShop shop = shop("listed");
		this.client.get()
			.uri("/simulator")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("Shopify simulator")
				.contains("demo-store.myshopify.com")
				.contains(shop.domain())
				.contains(shop.orders().size() + "</span> orders")
				.contains("Place order"));
	}

	@Test
	void placingAnOrderOnThePageAddsItAndSendsOrdersCreate() throws Exception {
		SimShop shop = shop("page-order");
		Variant variant = shop.variants().get(5);
		int before = shop.orders().size();
		try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
			TestSimulator.subscribe(shop, receiver.url(), "ORDERS_CREATE");

			post("/simulator/shops/" + shop.domain() + "/orders", "variantId", String.valueOf(variant.id()),
					"quantity", "2")
				.expectStatus()
				.is3xxRedirection();

			assertThat(shop.orders()).hasSize(before + 1);
			Order placed = shop.latestOrder().orElseThrow();
			assertThat(placed.lineItems()).singleElement().satisfies((line) -> {
				assertThat(line.variantId()).isEqualTo(variant.id());
				assertThat(line.quantity()).isEqualTo(2);
			});
			List<Received> received = receiver.await(1, Duration.ofSeconds(5));
			assertThat(received).hasSize(1);
			assertThat(received.get(0).header("X-Shopify-Topic")).isEqualTo("orders/create");
			JsonNode body = TestSimulator.JSON.readTree(received.get(0).body());
			assertThat(body.get("id").asLong()).isEqualTo(placed.id());
			String eventId = received.get(0).header("X-Shopify-Event-Id");
			Awaitility.await()
				.until(() -> this.webhooks.attempts().stream().anyMatch((a) -> a.eventId().equals(eventId)));
			this.client.get()
				.uri("/simulator")
				.exchange()
				.expectBody(String.class)
				.value((page) -> assertThat(page).contains(eventId).contains("delivered"));
		}
	}

	@Test
	void badInputGetsA400WithASentenceAndChangesNothing() {
		SimShop shop = shop("page-bad");
		int before = shop.orders().size();
		String location = String.valueOf(shop.locations().get(0).id());

		post("/simulator/shops/" + shop.domain() + "/stock", "variantId",
				String.valueOf(shop.variants().get(0).id()), "locationId", location, "delta", "lots")
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("The stock change must be a whole number; &quot;lots&quot; is not one."));
		post("/simulator/shops/" + shop.domain() + "/orders", "variantId", "42", "quantity", "1").expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("There is no variant 42 in " + shop.domain() + "."));
		post("/simulator/shops/" + shop.domain() + "/orders", "variantId",
				String.valueOf(shop.variants().get(0).id()), "quantity", "99999999999")
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("The quantity must be a whole number"));
		post("/simulator/shops/nowhere.myshopify.com/orders/latest/cancel").expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("There is no simulated shop nowhere.myshopify.com."));
		assertThat(shop.orders()).hasSize(before);
	}

	private SimShop shop(String name) {
		String domain = name + "-" + System.nanoTime() + ".myshopify.com";
		return this.shops.add(this.factory.create(domain, ZoneId.of("America/Chicago"), 17, 2, 10));
	}

	private ResponseSpec post(String uri, String... fields) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		for (int i = 0; i < fields.length; i += 2) {
			form.add(fields[i], fields[i + 1]);
		}
		return this.client.post().uri(uri).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).exchange();
	}

}
