package com.metricsdash.simulator;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.metricsdash.shopify.AdminDocument;
import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code shopifyqlQuery} over HTTP, with the app's own document: at every served version, only with {@code read_reports}. */
@IntegrationTest
class ShopifyqlApiTests {

	private static final String SESSIONS = AdminDocument.load("shopifyqlSessions").text();

	@LocalServerPort
	int port;

	@Autowired
	SimulatedShops shops;

	@Autowired
	Clock clock;

	@Autowired
	JsonMapper json;

	AdminApi api;

	SimShop shop;

	String token;

	@BeforeEach
	void createShop() {
		TestShops testShops = new TestShops(this.shops, this.clock);
		this.api = new AdminApi(this.json, this.port);
		this.shop = testShops.create();
		testShops.orders(this.shop, 3);
		this.token = testShops.token(this.shop);
	}

	@Test
	void sessionsByHourComeAsTypedColumnsAndOneRowPerHourInTheShopsTimezone() {
		this.shop.grantScopes(List.of("read_orders", "read_reports"));
		LocalDate today = LocalDate.now(this.clock.withZone(this.shop.timezone()));

		JsonNode answer = sessions("FROM sessions SHOW sessions GROUP BY hour SINCE " + today.minusDays(1)
				+ " UNTIL " + today + " ORDER BY hour ASC");

		assertThat(answer.path("errors").isMissingNode()).isTrue();
		JsonNode result = answer.path("data").path("shopifyqlQuery");
		assertThat(result.path("parseErrors").isEmpty()).isTrue();
		assertThat(result.path("tableData").path("columns").toString())
			.isEqualTo("[{\"name\":\"hour\",\"dataType\":\"HOUR_TIMESTAMP\"},"
					+ "{\"name\":\"sessions\",\"dataType\":\"INTEGER\"}]");
		Map<String, String> rows = new LinkedHashMap<>();
		result.path("tableData").path("rows")
			.forEach((row) -> rows.put(row.path("hour").asString(), row.path("sessions").asString()));
		Map<String, String> expected = new LinkedHashMap<>();
		this.shop.sessions(today.minusDays(1), today, this.clock.instant())
			.forEach((hour, count) -> expected.put(hour.toString().substring(0, 13), count.toString()));
		assertThat(rows).containsExactlyEntriesOf(expected);
		// each order came with about 30 sessions, and each hour had a few that bought nothing
		Map<String, Long> orders = this.shop.orders()
			.stream()
			.collect(Collectors.groupingBy((order) -> order.processedAt()
				.atZone(this.shop.timezone())
				.toLocalDateTime()
				.toString()
				.substring(0, 13), Collectors.counting()));
		assertThat(orders).isNotEmpty();
		orders.forEach((hour, count) -> assertThat(Long.parseLong(rows.get(hour))).isBetween(30 * count,
				30 * count + 5 + 12 * count));
	}

	@Test
	void aQueryTheSimulatorCannotRunAnswersParseErrorsAndNoTable() {
		this.shop.grantScopes(List.of("read_reports"));

		JsonNode other = sessions("FROM sales SHOW total_sales SINCE -7d").path("data").path("shopifyqlQuery");
		JsonNode backwards = sessions("FROM sessions SHOW sessions GROUP BY hour SINCE 2026-01-02 UNTIL 2026-01-01")
			.path("data")
			.path("shopifyqlQuery");
		JsonNode badDate = sessions("FROM sessions SHOW sessions GROUP BY hour SINCE yesterday UNTIL 2026-01-01")
			.path("data")
			.path("shopifyqlQuery");

		assertThat(other.path("parseErrors").get(0).asString()).contains("FROM sales SHOW total_sales");
		assertThat(other.path("tableData").isNull()).isTrue();
		assertThat(backwards.path("parseErrors").get(0).asString()).contains("can't be before");
		assertThat(badDate.path("parseErrors").get(0).asString()).contains("yyyy-MM-dd");
	}

	@Test
	void withoutReadReportsTheFieldIsDeniedAsAtShopify() {
		this.shop.grantScopes(List.of("read_orders", "read_products", "read_inventory"));

		JsonNode answer = sessions("FROM sessions SHOW sessions GROUP BY hour SINCE 2026-01-01 UNTIL 2026-01-01");

		assertThat(answer.path("data").path("shopifyqlQuery").isNull()).isTrue();
		JsonNode error = answer.path("errors").get(0);
		assertThat(error.path("message").asString())
			.isEqualTo("Access denied for shopifyqlQuery field. Required access: `read_reports` access scope.");
		assertThat(error.path("extensions").path("code").asString()).isEqualTo("ACCESS_DENIED");
		assertThat(error.path("extensions").path("requiredAccess").asString())
			.isEqualTo("`read_reports` access scope.");
		assertThat(error.path("path").get(0).asString()).isEqualTo("shopifyqlQuery");
	}

	@Test
	void everyServedVersionAnswersShopifyqlEvenARetiredOneThatFallsForward() {
		this.shop.grantScopes(List.of("read_reports"));

		for (String version : new String[] { "2026-10", "2026-01", "2025-10", "2025-04" }) {
			AdminApi.Response response = this.api.post(this.shop.domain(), version, this.token, SESSIONS,
					Map.of("query", "FROM sessions SHOW sessions GROUP BY hour SINCE 2026-01-01 UNTIL 2026-01-01"));

			assertThat(response.status()).as(version).isEqualTo(200);
			assertThat(response.body().path("errors").isMissingNode()).as(version).isTrue();
			assertThat(response.body().path("data").path("shopifyqlQuery").path("tableData").path("columns"))
				.as(version)
				.hasSize(2);
		}
	}

	private JsonNode sessions(String shopifyql) {
		return this.api.query(this.shop, this.token, SESSIONS, Map.of("query", shopifyql));
	}

}
