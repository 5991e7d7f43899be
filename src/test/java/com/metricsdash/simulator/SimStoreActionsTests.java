package com.metricsdash.simulator;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.metricsdash.simulator.SimModel.InventoryLevel;
import com.metricsdash.simulator.SimModel.Order;
import com.metricsdash.simulator.SimModel.Product;
import com.metricsdash.simulator.SimModel.Variant;
import com.metricsdash.simulator.WebhookReceiver.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SimStoreActionsTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final SimWebhooks webhooks = TestSimulator.webhooks();

	private final SimStoreActions actions = new SimStoreActions(this.webhooks, TestSimulator.CLOCK);

	private final SimShop shop = new DemoShopFactory(TestSimulator.CLOCK).create("actions.myshopify.com",
			ZoneId.of("America/New_York"), 5, 2, 10);

	@AfterEach
	void stop() {
		this.webhooks.destroy();
	}

	@Test
	void placingAnOrderTakesStockAndSendsShopifyShapedWebhooks() throws Exception {
		Variant variant = this.shop.variants().get(0);
		InventoryLevel before = fullestLevel(variant);
		String previous = this.shop.latestOrder().orElseThrow().name();
		try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "ORDERS_CREATE", "INVENTORY_LEVELS_UPDATE");

			Order order = this.actions.placeOrder(this.shop, Map.of(variant.id(), 2));

			assertThat(this.shop.order(order.id())).contains(order);
			assertThat(order.name()).isEqualTo(SimOrders.nextName(previous));
			assertThat(order.totalPrice()).isEqualTo(variant.price().multiply(BigDecimal.valueOf(2)));
			InventoryLevel after = this.shop.level(variant.inventoryItemId(), before.locationId()).orElseThrow();
			assertThat(after.available()).isEqualTo(before.available() - 2);

			List<Received> received = receiver.await(2, WAIT);
			JsonNode created = json(received, "orders/create");
			assertThat(created.get("id").isIntegralNumber()).isTrue();
			assertThat(created.get("id").asLong()).isEqualTo(order.id()).isGreaterThan(1L << 53);
			assertThat(created.get("admin_graphql_api_id").asString()).isEqualTo("gid://shopify/Order/" + order.id());
			assertThat(created.get("name").asString()).isEqualTo(order.name());
			assertThat(created.get("created_at").asString()).isEqualTo("2026-11-25T13:00:00-05:00");
			assertThat(created.get("processed_at").asString()).isEqualTo("2026-11-25T13:00:00-05:00");
			assertThat(created.get("cancelled_at").isNull()).isTrue();
			assertThat(created.get("test").asBoolean()).isFalse();
			assertThat(created.get("total_price").isString()).isTrue();
			assertThat(created.get("total_price").asString()).isEqualTo(order.totalPrice().toPlainString());
			assertThat(created.at("/total_price_set/shop_money/amount").asString())
				.isEqualTo(order.totalPrice().toPlainString());
			assertThat(created.at("/total_price_set/shop_money/currency_code").asString()).isEqualTo("USD");
			assertThat(created.get("financial_status").asString()).isEqualTo("paid");
			JsonNode line = created.get("line_items").get(0);
			assertThat(line.get("variant_id").asLong()).isEqualTo(variant.id());
			assertThat(line.get("product_id").asLong()).isEqualTo(variant.productId());
			assertThat(line.get("sku").asString()).isEqualTo(variant.sku());
			assertThat(line.get("quantity").asInt()).isEqualTo(2);
			assertThat(line.get("current_quantity").asInt()).isEqualTo(2);
			assertThat(line.get("price").asString()).isEqualTo(variant.price().toPlainString());
			assertThat(created.at("/customer/email").asString()).endsWith("@example.com");

			JsonNode level = json(received, "inventory_levels/update");
			assertThat(level.get("inventory_item_id").asLong()).isEqualTo(variant.inventoryItemId());
			assertThat(level.get("location_id").asLong()).isEqualTo(before.locationId());
			assertThat(level.get("available").asInt()).isEqualTo(before.available() - 2);
			assertThat(level.get("updated_at").asString()).isEqualTo("2026-11-25T13:00:00-05:00");
			assertThat(level.get("admin_graphql_api_id").asString()).startsWith("gid://shopify/InventoryLevel/");
		}
	}

	@Test
	void anOrderPlacedSendsCreatePaidAndALevelPerTrackedLineAsOneEventOfDistinctDeliveries() throws Exception {
		List<Variant> variants = this.shop.variants().subList(0, 2);
		try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "ORDERS_CREATE", "ORDERS_PAID",
					"INVENTORY_LEVELS_UPDATE");

			this.actions.placeOrder(this.shop, Map.of(variants.get(0).id(), 1, variants.get(1).id(), 1));

			List<Received> received = receiver.await(4, WAIT);
			assertThat(received).extracting((r) -> r.header("X-Shopify-Topic"))
				.containsExactlyInAnyOrder("orders/create", "orders/paid", "inventory_levels/update",
						"inventory_levels/update");
			assertThat(received).extracting((r) -> r.header("X-Shopify-Event-Id"))
				.containsOnly(received.get(0).header("X-Shopify-Event-Id"));
			assertThat(received).extracting((r) -> r.header("X-Shopify-Webhook-Id")).doesNotHaveDuplicates();
		}
	}

	@Test
	void cancellingAndRefundingSendTheirTopicsAndZeroWhatIsLeft() throws Exception {
		List<Order> orders = this.shop.orders().stream().filter(Order::counts).filter((o) -> o.refunds().isEmpty()).toList();
		try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "ORDERS_CANCELLED", "ORDERS_UPDATED",
					"REFUNDS_CREATE");

			Order cancelled = this.actions.cancelOrder(this.shop, orders.get(0).id());
			Order refunded = this.actions.refundOrder(this.shop, orders.get(1).id());

			assertThat(cancelled.cancelledAt()).isEqualTo(TestSimulator.NOW);
			assertThat(cancelled.counts()).isFalse();
			assertThat(refunded.currentTotalPrice()).isZero();
			assertThat(refunded.refunds()).singleElement()
				.satisfies((refund) -> assertThat(refund.amount()).isEqualTo(orders.get(1).totalPrice()));
			assertThat(refunded.updatedAt()).isEqualTo(TestSimulator.NOW);
			List<Received> received = receiver.await(4, WAIT);
			assertThat(received).extracting((r) -> r.header("X-Shopify-Topic"))
				.containsExactlyInAnyOrder("orders/cancelled", "orders/updated", "refunds/create", "orders/updated");
			assertThat(eventIds(received, "orders/cancelled")).hasSize(1)
				.isNotEqualTo(eventIds(received, "refunds/create"));
			assertThat(eventIds(received, "orders/updated")).containsExactlyInAnyOrderElementsOf(
					List.of(eventIds(received, "orders/cancelled").get(0), eventIds(received, "refunds/create").get(0)));
			JsonNode refund = json(received, "refunds/create");
			assertThat(refund.get("order_id").asLong()).isEqualTo(refunded.id());
			assertThat(refund.at("/transactions/0/amount").asString())
				.isEqualTo(orders.get(1).totalPrice().toPlainString());
		}
		assertThatIllegalArgumentException().isThrownBy(() -> this.actions.refundOrder(this.shop, orders.get(0).id()))
			.withMessageContaining("nothing left to refund");
	}

	@Test
	void adjustingStockSendsTheNewLevel() throws Exception {
		Variant variant = this.shop.variants().get(3);
		long location = this.shop.locations().get(1).id();
		int before = this.shop.level(variant.inventoryItemId(), location).orElseThrow().available();
		try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "INVENTORY_LEVELS_UPDATE");

			this.actions.adjustInventory(this.shop, variant.id(), location, 7);

			assertThat(this.shop.level(variant.inventoryItemId(), location).orElseThrow().available())
				.isEqualTo(before + 7);
			assertThat(json(receiver.await(1, WAIT), "inventory_levels/update").get("available").asInt())
				.isEqualTo(before + 7);
		}
	}

	@Test
	void productChangesSendCreateUpdateAndDelete() throws Exception {
		try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "PRODUCTS_CREATE", "PRODUCTS_UPDATE",
					"PRODUCTS_DELETE");

			Product created = this.actions.createProduct(this.shop, "Gift Card", new BigDecimal("25.00"));
			this.actions.updateProduct(this.shop, created.id(), "Digital Gift Card");
			this.actions.deleteProduct(this.shop, created.id());

			assertThat(this.shop.product(created.id())).isEmpty();
			assertThat(this.shop.variants()).noneMatch((variant) -> variant.productId() == created.id());
			List<Received> received = receiver.await(3, WAIT);
			assertThat(json(received, "products/create").at("/variants/0/price").asString()).isEqualTo("25.00");
			assertThat(json(received, "products/update").get("title").asString()).isEqualTo("Digital Gift Card");
			assertThat(json(received, "products/delete").get("id").asLong()).isEqualTo(created.id());
		}
	}

	@Test
	void productWebhooksSayNothingOfTrackingWhichTheNewProductsInventoryItemWebhookCarries() throws Exception {
		try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "PRODUCTS_CREATE", "INVENTORY_ITEMS_CREATE");

			Product created = this.actions.createProduct(this.shop, "Gift Card", new BigDecimal("25.00"));

			Variant variant = this.shop.variants()
				.stream()
				.filter((candidate) -> candidate.productId() == created.id())
				.findFirst()
				.orElseThrow();
			List<Received> received = receiver.await(2, WAIT);
			JsonNode productVariant = json(received, "products/create").at("/variants/0");
			assertThat(productVariant.get("inventory_item_id").asLong()).isEqualTo(variant.inventoryItemId());
			for (String removed : List.of("inventory_management", "fulfillment_service", "grams", "weight",
					"requires_shipping")) {
				assertThat(productVariant.has(removed)).as(removed).isFalse();
			}
			JsonNode item = json(received, "inventory_items/create");
			assertThat(item.propertyNames()).containsExactly("id", "sku", "created_at", "updated_at",
					"requires_shipping", "cost", "country_code_of_origin", "province_code_of_origin",
					"harmonized_system_code", "tracked", "country_harmonized_system_codes", "admin_graphql_api_id");
			assertThat(item.get("id").asLong()).isEqualTo(variant.inventoryItemId());
			assertThat(item.get("tracked").asBoolean()).isTrue();
			assertThat(item.get("created_at").asString()).isEqualTo("2026-11-25T13:00:00-05:00");
			assertThat(item.get("admin_graphql_api_id").asString())
				.isEqualTo("gid://shopify/InventoryItem/" + variant.inventoryItemId());
			assertThat(received).extracting((r) -> r.header("X-Shopify-Event-Id"))
				.containsOnly(received.get(0).header("X-Shopify-Event-Id"));
		}
	}

	@Test
	void switchingTrackingOffSendsInventoryItemsUpdateAndOrdersNoLongerTakeStock() throws Exception {
		Variant variant = this.shop.variants().get(2);
		try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "INVENTORY_ITEMS_UPDATE", "INVENTORY_LEVELS_UPDATE");

			this.actions.trackInventory(this.shop, variant.id(), false);
			List<InventoryLevel> before = this.shop.levels();
			this.actions.placeOrder(this.shop, Map.of(variant.id(), 1));

			assertThat(this.shop.variant(variant.id()).orElseThrow().tracked()).isFalse();
			assertThat(this.shop.levels()).isEqualTo(before);
			List<Received> received = receiver.after(Duration.ofMillis(500));
			assertThat(received).extracting((r) -> r.header("X-Shopify-Topic"))
				.containsExactly("inventory_items/update");
			JsonNode item = json(received, "inventory_items/update");
			assertThat(item.get("id").asLong()).isEqualTo(variant.inventoryItemId());
			assertThat(item.get("tracked").asBoolean()).isFalse();
		}
	}

	@Test
	void uninstallingSendsAppUninstalledThenForgetsTokensAndSubscriptions() throws Exception {
		this.shop.installed(true);
		this.shop.issueAccessToken(TestSimulator.NOW.plusSeconds(3600));
		try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
			TestSimulator.subscribe(this.shop, receiver.url(), "APP_UNINSTALLED");

			this.actions.uninstall(this.shop);

			assertThat(json(receiver.await(1, WAIT), "app/uninstalled").get("myshopify_domain").asString())
				.isEqualTo("actions.myshopify.com");
			assertThat(this.shop.installed()).isFalse();
			assertThat(this.shop.grants()).isEmpty();
			assertThat(this.shop.webhookSubscriptions()).isEmpty();
		}
	}

	@Test
	void badInputIsRefusedWithASentenceAndChangesNothing() {
		int orders = this.shop.orders().size();
		assertThatIllegalArgumentException().isThrownBy(() -> this.actions.placeOrder(this.shop, Map.of(42L, 1)))
			.withMessage("There is no variant 42 in actions.myshopify.com.");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.actions.adjustInventory(this.shop, this.shop.variants().get(0).id(), 42L, 1))
			.withMessage("There is no location 42 in actions.myshopify.com.");
		assertThat(this.shop.orders()).hasSize(orders);
	}

	private InventoryLevel fullestLevel(Variant variant) {
		return this.shop.levels()
			.stream()
			.filter((level) -> level.inventoryItemId() == variant.inventoryItemId())
			.max(Comparator.comparingInt(InventoryLevel::available))
			.orElseThrow();
	}

	private static List<String> eventIds(List<Received> received, String topic) {
		return received.stream()
			.filter((r) -> r.header("X-Shopify-Topic").equals(topic))
			.map((r) -> r.header("X-Shopify-Event-Id"))
			.toList();
	}

	private static JsonNode json(List<Received> received, String topic) {
		Received delivery = received.stream()
			.filter((r) -> r.header("X-Shopify-Topic").equals(topic))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + topic + " delivery among " + received.size()));
		return TestSimulator.JSON.readTree(new String(delivery.body(), StandardCharsets.UTF_8));
	}

}
