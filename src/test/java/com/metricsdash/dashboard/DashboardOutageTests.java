package com.metricsdash.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import com.metricsdash.live.LiveClient;
import com.metricsdash.shop.Stores;
import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.system.DatabaseChanges;
import com.metricsdash.system.LastKnown;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import com.metricsdash.testing.OwnStack;
import com.metricsdash.testing.Webhooks;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard while PostgreSQL or Redis is down, for real: this context runs on a PostgreSQL and a Redis of its own
 * ({@link OwnStack}), which the tests stop and start again; the context, and that stack with it, closes after the
 * class, so nothing of it outlives these tests.
 */
@IntegrationTest
@Import(OwnStack.Configuration.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardOutageTests {

	private static final ZoneId ZONE = ZoneId.of("America/New_York");

	/** What a merchant may wait for figures while the database is down: about 2 s, with room for a loaded machine. */
	private static final Duration PATIENCE = Duration.ofSeconds(5);

	/** How long a socket is given for a frame, or to show that none comes. */
	private static final Duration FRAME_WAIT = Duration.ofSeconds(3);

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	OwnStack stack;

	@Autowired
	DashboardPush push;

	@Autowired
	JsonMapper json;

	@Autowired
	Stores stores;

	@Autowired
	DataSource dataSource;

	@Autowired
	DatabaseChanges changes;

	final HttpClient http = HttpClient.newHttpClient();

	String shop;

	UUID storeId;

	Merchant merchant;

	String neverShownShop;

	Merchant neverShownMerchant;

	@BeforeAll
	void installTwoStoresOneWithSalesToday() {
		SimulatorOrders simulator = new SimulatorOrders(this.context);
		this.merchant = new Merchant(this.port);
		this.shop = simulator.newShop("outage", ZONE, 1, 0);
		this.storeId = Installs.installAndSync(this.context, this.merchant, this.shop);
		simulator.placeOrder(this.shop, new Random(7));
		await().atMost(Duration.ofSeconds(10)).until(() -> fresh().get("orders").get("today").asInt() == 1);
		this.neverShownMerchant = new Merchant(this.port);
		this.neverShownShop = simulator.newShop("outage-unseen", ZONE, 1, 0);
		Installs.installAndSync(this.context, this.neverShownMerchant, this.neverShownShop);
	}

	/**
	 * Each case starts from a database that answers and a pool of live connections: the server a case restarted may
	 * still be starting up ("the database system is starting up") when the next case begins, and the pool still holds
	 * connections to the stopped server, a read on one of which within Hikari's half-second of last use fails once (the
	 * dashboard falls back, a socket's handshake would not), which would make one case depend on how the one before
	 * it ended.
	 */
	@BeforeEach
	void livePool() throws Exception {
		this.dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
			try (Connection connection = this.dataSource.getConnection()) {
				return connection.isValid(1);
			}
		});
	}

	@Test
	void whilePostgresIsDownTheLastFiguresAreServedStaleAndNotPushed() throws Exception {
		try (LiveClient socket = socket(token(this.shop))) {
			assertThat(socket.next(FRAME_WAIT)).as("the figures a new socket gets").contains("dashboard:update");
			assertThat(this.merchant.get("/dashboard/cards").body()).doesNotContain("unreachable");
			JsonNode before = fresh();

			this.stack.stopPostgres();
			// figures worked out while the server was still shutting down were current when they were read
			Instant stopped = Instant.now();
			try {
				long started = System.nanoTime();
				HttpResponse<String> api = dashboard("");
				Duration took = Duration.ofNanos(System.nanoTime() - started);
				HttpResponse<String> page = this.merchant.get("/dashboard/cards");
				this.push.pushNow(this.storeId);

				assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
				assertThat(took).isLessThan(PATIENCE);
				JsonNode stale = this.json.readTree(api.body());
				assertThat(stale.get("stale").asBoolean()).isTrue();
				// remembered when the figures last changed, or within the minute before the last read
				Instant workedOut = Instant.parse(stale.get("updatedAt").asString());
				assertThat(workedOut).isBetween(
						Instant.parse(before.get("updatedAt").asString()).minus(LastKnown.REFRESHED_EVERY),
						Instant.parse(before.get("updatedAt").asString()));
				String shopTime = workedOut.atZone(ZONE).format(DateTimeFormatter.ofPattern("HH:mm"));
				assertThat(stale.get("orders")).isEqualTo(before.get("orders"));
				assertThat(stale.get("revenue")).isEqualTo(before.get("revenue"));
				assertThat(page.statusCode()).isEqualTo(200);
				assertThat(page.body())
					.contains("role=\"status\"")
					.contains("Figures from " + shopTime + " (shop time): the database is unreachable, retrying")
					.contains("data-unreachable");
				assertThat(DashboardCardsTests.value(page.body(), "orders")).isEqualTo("1");
				// the 30-s refresh may have worked the figures out just before the stop, and pushed them after it
				for (String frame = socket.next(FRAME_WAIT); frame != null; frame = socket.next(FRAME_WAIT)) {
					JsonNode message = this.json.readTree(frame);
					assertThat(message.get("type").asString()).as(frame).isEqualTo("dashboard:update");
					JsonNode pushed = message.get("data");
					assertThat(pushed.has("stale")).as("a push made of stale figures: %s", frame).isFalse();
					assertThat(Instant.parse(pushed.get("updatedAt").asString()))
						.as("a push during the outage: %s", frame)
						.isBefore(stopped);
				}
			}
			finally {
				this.stack.startPostgres();
			}

			await().atMost(Duration.ofSeconds(30)).until(() -> dashboard("").statusCode() == 200 && !fresh().has("stale"));
			JsonNode after = fresh();
			assertThat(Instant.parse(after.get("updatedAt").asString()))
				.isAfter(Instant.parse(before.get("updatedAt").asString()));
			assertThat(this.merchant.get("/dashboard/cards").body()).doesNotContain("unreachable").contains("role=\"img\"");
			this.push.pushNow(this.storeId);
			assertThat(socket.next(FRAME_WAIT)).as("a push once the database is back").contains("dashboard:update");
		}
	}

	@Test
	void whilePostgresIsDownWithNothingRememberedTheApiAnswers503AndThePagesSayWhy() throws Exception {
		assertThat(fresh().has("stale")).isFalse();
		this.stack.stopPostgres();
		try {
			HttpResponse<String> neverAsked = dashboard("?compare=last_month");
			HttpResponse<String> neverShown = this.neverShownMerchant.get("/dashboard/cards");
			HttpResponse<String> stores = get("/api/stores", this.shop);
			HttpResponse<String> unknownBearer = get("/api/stores", this.neverShownShop);
			HttpResponse<String> alertsPage = this.merchant.get("/alerts");
			HttpResponse<String> alertsBell = this.merchant.get("/alerts/bell");

			assertUnavailable(neverAsked, "no earlier figures of this store are kept");
			assertUnavailable(stores, "The database is unreachable right now");
			assertUnavailable(unknownBearer, "the store of this bearer token cannot be looked up");
			assertThat(neverShown.statusCode()).isEqualTo(200);
			assertThat(neverShown.body()).contains("role=\"status\"")
				.contains("Today's figures cannot be shown: the database is unreachable")
				.contains("hx-trigger=\"every 2s\"") // retries by itself, socket or not (2 s in tests)
				.doesNotContain("data-figure");
			// the pages that read the database itself, and the fragments their pages poll
			for (HttpResponse<String> page : List.of(alertsPage, alertsBell)) {
				assertThat(page.statusCode()).as(page.body()).isEqualTo(503);
				assertThat(page.headers().firstValue("Retry-After")).hasValue("30");
				assertThat(page.body()).contains("Unavailable for a moment")
					.contains("Our database cannot be reached right now. Nothing is lost");
			}
		}
		finally {
			this.stack.startPostgres();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> dashboard("?compare=last_month").statusCode() == 200);
		assertThat(this.merchant.get("/alerts").statusCode()).isEqualTo(200);
	}

	/**
	 * A page's socket while the store cannot be looked up: a new one is told to come back shortly, as the pages of a
	 * stopped instance are when they all come back at once to one whose pool they take, and an open one that renews
	 * its token is neither renewed nor dropped; both work again once the database is back.
	 */
	@Test
	void whilePostgresIsDownANewSocketIsToldToComeBackAndAnOpenOneStays() throws Exception {
		try (LiveClient open = socket(token(this.shop))) {
			assertThat(open.next(FRAME_WAIT)).as("the figures a new socket gets").contains("dashboard:update");
			this.stack.stopPostgres();
			try {
				// until then the instance may still trust what it keeps of the store
				await().atMost(Duration.ofSeconds(10)).until(() -> !this.changes.listening());
				LiveClient.Refused refused = catchThrowableOfType(LiveClient.Refused.class,
						() -> socket(token(this.shop)).close());

				assertThat(refused).as("a handshake while the store cannot be looked up").isNotNull();
				assertThat(refused.status()).isEqualTo(503);
				assertThat(refused.retryAfter()).isEqualTo("5");
				open.renew(token(this.shop));
				assertThat(open.closeCode(FRAME_WAIT)).as("the open socket, after a renewal that cannot be judged")
					.isNull();
			}
			finally {
				this.stack.startPostgres();
			}

			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
				try (LiveClient again = socket(token(this.shop))) {
					return again.next(FRAME_WAIT) != null;
				}
			});
			Instant back = Instant.now();
			open.renew(token(this.shop));
			this.push.pushNow(this.storeId);
			String frame = open.next("dashboard:update", FRAME_WAIT);
			while (frame != null && updatedAt(frame).isBefore(back)) {
				// pushed before the outage
				frame = open.next("dashboard:update", FRAME_WAIT);
			}
			assertThat(frame).as("a push to the socket that stayed, once the database is back").isNotNull();
			assertThat(open.closeCode(Duration.ofMillis(100))).isNull();
		}
	}

	@Test
	void whileRedisIsDownTheDashboardComesFromPostgresAndLivePushesStayOnThisInstance() throws Exception {
		JsonNode expected = fresh();
		this.stack.stopRedis();
		try {
			for (int i = 0; i < 3; i++) {
				long started = System.nanoTime();
				HttpResponse<String> api = dashboard("");
				Duration took = Duration.ofNanos(System.nanoTime() - started);

				assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
				assertThat(took).isLessThan(Duration.ofSeconds(1));
				JsonNode figures = this.json.readTree(api.body());
				assertThat(figures.has("stale")).isFalse();
				assertThat(figures.get("orders")).isEqualTo(expected.get("orders"));
				assertThat(figures.get("revenue")).isEqualTo(expected.get("revenue"));
			}
			// the page inside the Shopify admin, whose requests carry session tokens and never touch a Redis session
			HttpResponse<String> embeddedCards = get("/dashboard/cards", this.shop);
			assertThat(embeddedCards.statusCode()).as(embeddedCards.body()).isEqualTo(200);
			assertThat(embeddedCards.body()).contains("data-figure=\"orders\"").doesNotContain("data-unreachable");
			try (LiveClient socket = socket(token(this.shop))) {
				assertThat(socket.next(FRAME_WAIT)).as("the figures a new socket gets").contains("dashboard:update");
				this.push.pushNow(this.storeId);
				assertThat(socket.next(FRAME_WAIT)).as("a push that Redis could not fan out").contains("dashboard:update");
			}
		}
		finally {
			this.stack.startRedis();
		}

		// Redis back: a dashboard read remembers its figures again, as the database's next outage shows
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			String updatedAt = fresh().get("updatedAt").asString();
			this.stack.stopPostgres();
			try {
				HttpResponse<String> stale = dashboard("");
				return stale.statusCode() == 200
						&& this.json.readTree(stale.body()).get("updatedAt").asString().equals(updatedAt);
			}
			finally {
				this.stack.startPostgres();
			}
		});
	}

	@Test
	void whileRedisIsDownSigningInSaysWhyAndWorksOnceItIsBack() throws Exception {
		String newShop = new SimulatorOrders(this.context).newShop("outage-sign-in", ZONE, 1, 0);
		this.stack.stopRedis();
		try {
			HttpResponse<String> signedIn = this.merchant.get("/");
			HttpResponse<String> signingIn = new Merchant(this.port).get("/auth?shop=" + newShop);

			for (HttpResponse<String> page : List.of(signedIn, signingIn)) {
				assertThat(page.statusCode()).as(page.body()).isEqualTo(503);
				assertThat(page.headers().firstValue("Retry-After")).hasValue("30");
				assertThat(page.body()).contains("Signing in is unavailable for a moment")
					.contains("inside your Shopify admin");
			}
		}
		finally {
			this.stack.startRedis();
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.merchant.get("/dashboard/cards").body()).contains("data-figure"));
		assertThat(new Merchant(this.port).install(newShop).statusCode()).isLessThan(400);
	}

	@Test
	void anUninstalledStoreHasNothingToFallBackOn() throws Exception {
		Merchant leaving = new Merchant(this.port);
		String leavingShop = new SimulatorOrders(this.context).newShop("outage-leaving", ZONE, 1, 0);
		UUID leavingStore = Installs.installAndSync(this.context, leaving, leavingShop);
		assertThat(get("/api/stores/" + leavingStore + "/dashboard", leavingShop).statusCode()).isEqualTo(200);
		assertThat(leaving.get("/dashboard/cards").body()).contains("data-figure");
		new Webhooks(this.port).deliver("app/uninstalled", leavingShop, UUID.randomUUID().toString(),
				Webhooks.uninstalledBody(leavingShop));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.stores.installed(leavingStore).isEmpty());

		this.stack.stopPostgres();
		try {
			assertUnavailable(get("/api/stores/" + leavingStore + "/dashboard", leavingShop),
					"the store of this bearer token cannot be looked up");
			assertThat(leaving.get("/dashboard/cards").body()).contains("Today's figures cannot be shown")
				.doesNotContain("data-figure");
		}
		finally {
			this.stack.startPostgres();
		}
	}

	private void assertUnavailable(HttpResponse<String> response, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(503);
		assertThat(problem.get("detail").asString()).contains(detail).contains("try again in a minute");
	}

	private JsonNode fresh() throws Exception {
		HttpResponse<String> response = dashboard("");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> dashboard(String query) throws Exception {
		return get("/api/stores/" + this.storeId + "/dashboard" + query, this.shop);
	}

	/** An API call as the embedded app of {@code shop} makes it, with a session token of that shop. */
	private HttpResponse<String> get(String path, String shop) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + token(shop))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private String token(String shop) {
		return new SimulatorFixture(this.context).idToken(shop);
	}

	private Instant updatedAt(String frame) {
		return Instant.parse(this.json.readTree(frame).get("data").get("updatedAt").asString());
	}

	/** A {@code ?format=json} live socket of the store authorised by a session token, as an embedded page opens it. */
	private LiveClient socket(String token) {
		return LiveClient.connect("ws://localhost:" + this.port + "/ws/stores/" + this.storeId + "?format=json",
				Map.of("Authorization", "Bearer " + token));
	}

}
