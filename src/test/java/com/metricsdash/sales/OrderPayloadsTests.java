package com.metricsdash.sales;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.metricsdash.shopify.AdminDocument;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mappers read what the simulator really sends and answers: its webhook bodies, and its Admin GraphQL answers to
 * the documents the app ships, page and bulk file alike, into the same snapshot of the same order.
 */
@IntegrationTest
class OrderPayloadsTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	JsonMapper json;

	@LocalServerPort
	int port;

	SimulatorOrders simulator;

	String shop;

	long orderId;

	@BeforeEach
	void placeAndRefundAnOrder() {
		this.simulator = new SimulatorOrders(this.context);
		this.shop = this.simulator.newShop("payloads", ZoneId.of("Asia/Kolkata"), 1, 0);
		this.orderId = this.simulator.placeOrder(this.shop, new Random(7));
		this.simulator.refundOrder(this.shop, this.orderId);
	}

	@Test
	void aWebhookOrderIsReadWithItsShopMoneyTotalAndLinesAndNoCustomer() {
		JsonNode payload = this.json.readTree(this.simulator.orderPayload(this.shop, this.orderId));

		OrderSnapshot order = OrderPayloads.fromWebhook(payload);

		assertThat(payload.has("customer")).as("the simulator sends a customer on purpose").isTrue();
		assertThat(order.id()).isEqualTo(this.orderId).isGreaterThan(1L << 53);
		assertThat(order.totalPrice())
			.isEqualByComparingTo(payload.path("total_price_set").path("shop_money").path("amount").asString());
		assertThat(order.currentTotalPrice()).isEqualByComparingTo("0");
		assertThat(order.financialStatus()).isEqualTo("REFUNDED");
		assertThat(payload.path("processed_at").asString()).endsWith("+05:30");
		assertThat(order.processedAt())
			.isEqualTo(OffsetDateTime.parse(payload.path("processed_at").asString()).toInstant());
		assertThat(order.updatedAt()).isAfterOrEqualTo(order.createdAt());
		assertThat(order.cancelledAt()).isNull();
		assertThat(order.lineItems()).hasSize(payload.path("line_items").size()).allSatisfy((line) -> {
			assertThat(line.productId()).isNotNull();
			assertThat(line.variantId()).isNotNull();
			assertThat(line.sku()).startsWith("NB-");
			assertThat(line.currentQuantity()).isZero();
		});
		assertThat(order.lineItems()
			.stream()
			.map((line) -> line.price().multiply(BigDecimal.valueOf(line.quantity())))
			.reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(order.totalPrice());
	}

	@Test
	void aRefundWebhookAmountsToItsSuccessfulRefundTransactions() {
		RefundSnapshot refund = OrderPayloads
			.refundFromWebhook(this.json.readTree(this.simulator.refundPayload(this.shop, this.orderId)));
		OrderSnapshot order = OrderPayloads.fromWebhook(this.json.readTree(this.simulator.orderPayload(this.shop,
				this.orderId)));

		assertThat(refund.orderId()).isEqualTo(this.orderId);
		assertThat(refund.amount()).isEqualByComparingTo(order.totalPrice());
		assertThat(refund.processedAt()).isEqualTo(order.updatedAt());
	}

	@Test
	void aFailedOrNonRefundTransactionIsNotPartOfTheRefund() {
		RefundSnapshot refund = OrderPayloads.refundFromWebhook(this.json.readTree("""
				{"id": 5, "order_id": 9, "processed_at": "2026-11-25T09:15:00-05:00", "transactions": [
				  {"kind": "refund", "status": "success", "amount": "10.00"},
				  {"kind": "refund", "status": "failure", "amount": "99.00"},
				  {"kind": "sale", "status": "success", "amount": "50.00"},
				  {"kind": "refund", "status": "success", "amount": "2.50"}]}"""));

		assertThat(refund).isEqualTo(new RefundSnapshot(5, 9, new BigDecimal("12.50"),
				Instant.parse("2026-11-25T14:15:00Z")));
	}

	@Test
	void anOrdersPageReadsAsTheSameOrderAsItsWebhook() {
		JsonNode answer = this.simulator.graphql(this.shop, AdminDocument.load("ordersPage").text(),
				Map.of("query", "updated_at:>=2000-01-01T00:00:00Z", "first", 15), base());
		assertThat(answer.path("errors").isMissingNode()).as(answer.toString()).isTrue();
		JsonNode node = answer.path("data").path("orders").path("nodes").get(0);
		List<JsonNode> lines = new ArrayList<>();
		node.path("lineItems").path("nodes").forEach(lines::add);

		assertThat(OrderPayloads.fromGraphql(node, lines)).isEqualTo(webhookVersion());
	}

	@Test
	void aBulkFileReadsAsTheSameOrderAsItsWebhook() throws Exception {
		JsonNode started = this.simulator.graphql(this.shop, """
				mutation Run($query: String!) {
				  bulkOperationRunQuery(query: $query) { bulkOperation { id } userErrors { message } }
				}""", Map.of("query", AdminDocument.load("ordersBulk").text()), base());
		assertThat(started.path("data").path("bulkOperationRunQuery").path("userErrors")).as(started.toString())
			.isEmpty();
		String url = await().atMost(Duration.ofSeconds(20)).until(() -> {
			JsonNode current = this.simulator.graphql(this.shop, "{ currentBulkOperation { status url } }", Map.of(),
					base()).path("data").path("currentBulkOperation");
			return "COMPLETED".equals(current.path("status").asString()) ? current.path("url").asString() : null;
		}, (found) -> found != null);
		String file = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
			.body();

		Map<String, JsonNode> orders = new LinkedHashMap<>();
		Map<String, List<JsonNode>> lines = new LinkedHashMap<>();
		file.lines().map(this.json::readTree).forEach((line) -> {
			if (line.has("__parentId")) {
				lines.computeIfAbsent(line.path("__parentId").asString(), (parent) -> new ArrayList<>()).add(line);
			}
			else {
				orders.put(line.path("id").asString(), line);
			}
		});

		assertThat(orders).hasSize(1);
		String gid = "gid://shopify/Order/" + this.orderId;
		OrderSnapshot fromFile = OrderPayloads.fromGraphql(orders.get(gid), lines.get(gid));
		OrderSnapshot fromWebhook = webhookVersion();
		assertThat(fromFile).usingRecursiveComparison().ignoringFields("lineItems").isEqualTo(fromWebhook);
		assertThat(fromFile.lineItems()).as("in the file's order, which Shopify no longer promises")
			.containsExactlyInAnyOrderElementsOf(fromWebhook.lineItems());
	}

	/** The webhook's snapshot: both shapes print times to the second and money in the same decimals. */
	private OrderSnapshot webhookVersion() {
		return OrderPayloads.fromWebhook(this.json.readTree(this.simulator.orderPayload(this.shop, this.orderId)));
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

}
