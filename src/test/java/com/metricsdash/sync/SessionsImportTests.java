package com.metricsdash.sync;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sessions imported from Shopify's analytics (ShopifyQL, against the simulator over HTTP) give the dashboard its
 * conversion, for stores that granted {@code read_reports} and only for them.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SessionsImportTests {

	private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	Stores stores;

	@Autowired
	SessionsImport sessionsImport;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	final HttpClient http = HttpClient.newHttpClient();

	SimulatorFixture simulator;

	SimulatorOrders orders;

	@BeforeEach
	void simulator() {
		this.simulator = new SimulatorFixture(this.context);
		this.orders = new SimulatorOrders(this.context);
	}

	@Test
	void aStoreThatGrantedReadReportsShowsOrdersPerShopifySessionOfTheSameSpan() throws Exception {
		String shop = this.orders.newShop("conversion", TOKYO, 40, 48);
		UUID storeId = Installs.installAndSync(this.context, new Merchant(this.port), shop);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.simulator.shopifyqlQueries(shop) > 0);

		JsonNode dashboard = dashboardAfterImport(storeId, shop);

		ZonedDateTime now = ZonedDateTime.ofInstant(Instant.parse(dashboard.get("updatedAt").asString()), TOKYO);
		LocalDate today = now.toLocalDate();
		long ordersToday = dashboard.get("orders").get("today").asLong();
		long ordersYesterday = dashboard.get("orders").get("yesterday").asLong();
		Map<LocalDate, SimulatorOrders.Day> days = this.orders.dailyTotals(shop);
		assertThat(ordersToday).isEqualTo(days.containsKey(today) ? days.get(today).orders() : 0);
		long sessionsToday = sessionsUntil(shop, today, now);
		long sessionsYesterday = sessionsUntil(shop, today.minusDays(1), now);
		assertThat(days.get(today.minusDays(1)).orders() * 100.0
				/ sessionsUntil(shop, today.minusDays(1), now.withHour(23)))
			.as("yesterday's conversion in percent, a few")
			.isBetween(1.0, 5.0);
		assertThat(dashboard.get("conversion").get("today").decimalValue())
			.isEqualByComparingTo(rate(ordersToday, sessionsToday));
		assertThat(dashboard.get("conversion").get("yesterday").decimalValue())
			.isEqualByComparingTo(rate(ordersYesterday, sessionsYesterday));
	}

	@Test
	void importingAgainReplacesTheSameDaysInsteadOfAddingThemUp() {
		String shop = this.orders.newShop("reimport", TOKYO, 40, 24);
		UUID storeId = Installs.installAndSync(this.context, new Merchant(this.port), shop);
		StoreRef store = this.stores.installed(storeId).orElseThrow();
		LocalDate today = LocalDate.now(TOKYO);

		this.sessionsImport.importSessions(store);
		long first = importedSessions(storeId);
		this.sessionsImport.importSessions(store);
		this.sessionsImport.importAll();

		assertThat(importedSessions(storeId)).isEqualTo(first).isPositive();
		long simulated = 0;
		for (LocalDate day = today.minusDays(SessionsImport.HISTORY_DAYS); !day.isAfter(today); day = day.plusDays(1)) {
			simulated += this.orders.sessions(shop, day).values().stream().mapToLong(Long::longValue).sum();
		}
		assertThat(first).isEqualTo(simulated);
	}

	@Test
	void aStoreWhoseMerchantDeclinedReadReportsIsNeverAskedAndHasNoConversion() throws Exception {
		String shop = this.orders.newShop("declined", TOKYO, 3, 24);
		this.simulator.declineScopes(shop, "read_reports");
		UUID storeId = Installs.installAndSync(this.context, new Merchant(this.port), shop);

		this.sessionsImport.importAll();

		assertThat(this.jdbc.sql("select scopes from store_credential where store_id = :store")
			.param("store", storeId)
			.query(String.class)
			.single()).isEqualTo("read_orders,read_products,read_inventory");
		assertThat(this.simulator.shopifyqlQueries(shop)).isZero();
		assertThat(dashboard(storeId, shop).get("conversion").isNull()).isTrue();
	}

	@Test
	void aStoreShopifyRefusesIsLoggedOnceAndTheOthersStillImport(CapturedOutput output) {
		String refused = this.orders.newShop("refused", TOKYO, 2, 24);
		String granted = this.orders.newShop("granted", TOKYO, 2, 24);
		UUID refusedId = Installs.installAndSync(this.context, new Merchant(this.port), refused);
		UUID grantedId = Installs.installAndSync(this.context, new Merchant(this.port), granted);
		await().atMost(Duration.ofSeconds(30)).until(() -> importedSessions(grantedId) > 0);
		this.simulator.grantScopes(refused, "read_orders", "read_products", "read_inventory");
		this.jdbc.sql("delete from traffic_hourly where store_id in (:stores)")
			.param("stores", List.of(refusedId, grantedId))
			.update();
		int logged = output.getAll().length();

		this.sessionsImport.importAll();

		assertThat(importedSessions(refusedId)).isZero();
		assertThat(importedSessions(grantedId)).isPositive();
		String log = output.getAll().substring(logged);
		assertThat(log.lines().filter((line) -> line.contains("Sessions import failed"))).singleElement()
			.satisfies((line) -> assertThat(line).contains(refused)
				.contains("Access denied for shopifyqlQuery field")
				.doesNotContain("shpat_")
				.doesNotContain(granted));
	}

	/**
	 * The dashboard read in the same local hour as the import before it, so that both see the same hours (an import
	 * just before an hour turns is taken again).
	 */
	private JsonNode dashboardAfterImport(UUID storeId, String shop) throws Exception {
		StoreRef store = this.stores.installed(storeId).orElseThrow();
		for (;;) {
			LocalDateTime hour = LocalDateTime.now(TOKYO).withMinute(0).withSecond(0).withNano(0);
			this.sessionsImport.importSessions(store);
			JsonNode dashboard = dashboard(storeId, shop);
			if (ZonedDateTime.ofInstant(Instant.parse(dashboard.get("updatedAt").asString()), TOKYO)
				.toLocalDateTime()
				.withMinute(0)
				.withSecond(0)
				.withNano(0)
				.equals(hour)) {
				return dashboard;
			}
		}
	}

	private JsonNode dashboard(UUID storeId, String shop) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/stores/" + storeId + "/dashboard"))
			.header("Authorization", "Bearer " + this.simulator.idToken(shop))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	/** The simulator's own sessions of a day's hours up to the hour of {@code now}, which the span reaches into. */
	private long sessionsUntil(String shop, LocalDate day, ZonedDateTime now) {
		return this.orders.sessions(shop, day)
			.entrySet()
			.stream()
			.filter((hour) -> hour.getKey().getHour() <= now.getHour())
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	private static BigDecimal rate(long orders, long sessions) {
		return BigDecimal.valueOf(orders).divide(BigDecimal.valueOf(sessions), 4, RoundingMode.HALF_UP);
	}

	private long importedSessions(UUID storeId) {
		return this.jdbc
			.sql("select coalesce(sum(sessions), 0) from traffic_hourly where store_id = :store and source = 'SHOPIFY'")
			.param("store", storeId)
			.query(Long.class)
			.single();
	}

}
