package com.metricsdash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import com.metricsdash.testing.SessionTokens;
import com.metricsdash.testing.Webhooks;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep of issue 15: every endpoint the running application maps, called as an attacker would call it.
 * <p>
 * The endpoints come from the context itself (every {@link RequestMappingInfoHandlerMapping}, the actuator's
 * included, and every URL handler mapping, which holds the live socket and the static files), so an endpoint added
 * later is swept too, or fails {@link #everyMappingOfTheApplicationIsInTheTable()} until it has a row in
 * {@link #TABLE} that says how it is called: its method, its path variables and the credentials it takes (the browser
 * session cookie with its CSRF token, a Shopify session token as {@code Authorization: Bearer}, an API token the app
 * issued, or none for those that are not store-scoped, with the reason).
 * <p>
 * Two stores are installed, A and B. Signed in as A, every store-scoped endpoint is called with B's ids (B's store in
 * the path, or A's store with B's alert, variant or recipient) and must refuse, 403 or 404; an endpoint whose path names
 * no store acts on the credential's own store, so it is called with B's id and shop slipped into the query and must
 * answer without B's data. None may answer 5xx, and none of B's rows may change.
 * <p>
 * Then every endpoint gets bad input: invalid ids and path tricks in each path variable, forged, expired,
 * wrong-audience, {@code alg=none} and {@code exp}-less bearer tokens (and an API token at a page), malformed,
 * oversized, wrongly typed bodies and JSON with unknown fields, unvalidated shop domains, forged digest links and
 * webhook deliveries. Each must be a clear 4xx (problem+json under {@code /api} and for webhooks, the HTML error page
 * for pages), with no stack trace in the body, and the row count of every table (read from
 * {@code information_schema}, so a new table is counted too) must be what it was. Known exceptions, each said where
 * it is made: Tomcat answers an encoded slash or NUL in a path with its own page before the app sees it, the
 * simulator answers in Shopify's shapes, and the operator's Retry of an id that is no parked delivery redirects to
 * the inbox with its notice.
 */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuritySweepTests {

	/** What a request is signed in with. */
	enum Credential {

		/** The browser session cookie of the store's owner, with the page's CSRF token on anything but GET. */
		SESSION,

		/** A Shopify session token of the store's shop as {@code Authorization: Bearer}, as embedded pages send it. */
		BEARER,

		/** An API token the app issued to the store's owner, as {@code Authorization: Bearer}: the API and socket only. */
		API_TOKEN

	}

	/**
	 * How one mapping is called: its method and path pattern as the context maps it, the credentials it takes (none:
	 * not store-scoped, and {@code reason} says why), and a valid body, if it reads one, so that only what the sweep
	 * changes is wrong with the request.
	 */
	record Endpoint(String method, String pattern, Set<Credential> credentials, String contentType, String body,
			String reason) {

		static Endpoint api(String method, String pattern) {
			return new Endpoint(method, pattern, Set.of(Credential.BEARER, Credential.API_TOKEN), null, null, null);
		}

		static Endpoint api(String method, String pattern, String json) {
			return new Endpoint(method, pattern, Set.of(Credential.BEARER, Credential.API_TOKEN), "application/json",
					json, null);
		}

		static Endpoint page(String method, String pattern) {
			return new Endpoint(method, pattern, Set.of(Credential.SESSION, Credential.BEARER), null, null, null);
		}

		static Endpoint form(String method, String pattern, String form) {
			return new Endpoint(method, pattern, Set.of(Credential.SESSION, Credential.BEARER),
					"application/x-www-form-urlencoded", form, null);
		}

		static Endpoint notStoreScoped(String method, String pattern, String reason) {
			return new Endpoint(method, pattern, Set.of(), null, null, reason);
		}

		String key() {
			return this.method + " " + this.pattern;
		}

		boolean storeScoped() {
			return this.reason == null;
		}

		boolean socket() {
			return this.pattern.startsWith("/ws/");
		}

		boolean api() {
			return this.pattern.startsWith("/api/");
		}

		List<String> variables() {
			List<String> names = new ArrayList<>();
			Matcher variable = VARIABLE.matcher(this.pattern);
			while (variable.find()) {
				names.add(variable.group(1));
			}
			return names;
		}

		/** The path with each variable replaced by what {@code values} gives for its name. */
		String path(Function<String, String> values) {
			return VARIABLE.matcher(this.pattern).replaceAll((variable) -> Matcher.quoteReplacement(values.apply(variable.group(1))));
		}

	}

	private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

	private static final String SHOPIFY = "not store-scoped: Shopify's OAuth and its checks, signed by Shopify (HMAC, state nonce), limited per client";

	private static final String DIGEST = "not store-scoped: a digest mail's link, whose signed token is the credential";

	private static final String SIMULATOR = "not store-scoped: the Shopify simulator, local profile and tests only";

	private static final String OPERATOR = "not store-scoped: the operator's pages, HTTP Basic as operator";

	private static final String ACTUATOR = "not store-scoped: operations endpoints; health open, the rest the operator's";

	private static final String SETTINGS_FORM = "lowStockThreshold=5&leadTimeDays=7&safetyStockDays=3&stockoutHorizonDays=14";

	private static final String SETTINGS_JSON = """
			{"lowStockThreshold": 5, "leadTimeDays": 7, "safetyStockDays": 3, "stockoutHorizonDays": 14}""";

	private static final String TRAFFIC_DATE = LocalDate.now(ZoneId.of("Europe/Berlin")).minusDays(3).toString();

	private static final String TRAFFIC_JSON = "{\"date\": \"" + TRAFFIC_DATE + "\", \"hour\": 3, \"sessions\": 7}";

	/** Every mapping of the application and how it is called. A mapping missing here fails the sweep. */
	static final List<Endpoint> TABLE = List.of(
			// The JSON API: a Shopify session token, and a store in the path.
			Endpoint.api("GET", "/api/stores"),
			Endpoint.api("GET", "/api/stores/{storeId}/dashboard"),
			Endpoint.api("GET", "/api/stores/{storeId}/alerts"),
			Endpoint.api("POST", "/api/stores/{storeId}/alerts/{alertId}/acknowledge"),
			Endpoint.api("POST", "/api/stores/{storeId}/traffic", TRAFFIC_JSON),
			Endpoint.api("GET", "/api/stores/{storeId}/alert-settings"),
			Endpoint.api("PUT", "/api/stores/{storeId}/alert-settings", SETTINGS_JSON),
			Endpoint.api("GET", "/api/stores/{storeId}/alert-settings/variants/{variantId}"),
			Endpoint.api("PUT", "/api/stores/{storeId}/alert-settings/variants/{variantId}", "{\"lowStockThreshold\": 5}"),
			Endpoint.api("DELETE", "/api/stores/{storeId}/alert-settings/variants/{variantId}"),
			// Pages and their fragments: the session cookie, or embedded a session token; the store is the owner's.
			Endpoint.page("GET", "/"),
			Endpoint.page("GET", "/settings"),
			Endpoint.page("GET", "/dashboard/cards"),
			Endpoint.page("GET", "/dashboard/settings"),
			Endpoint.form("POST", "/dashboard/settings", "comparison=last_week&showOrders=true"),
			Endpoint.page("GET", "/alerts"),
			Endpoint.page("GET", "/alerts/list"),
			Endpoint.page("GET", "/alerts/bell"),
			Endpoint.page("POST", "/alerts/{alertId}/acknowledge"),
			Endpoint.page("GET", "/settings/alerts"),
			Endpoint.form("POST", "/settings/alerts", SETTINGS_FORM),
			Endpoint.page("GET", "/settings/alerts/variants"),
			Endpoint.page("GET", "/settings/alerts/variants/{variantId}"),
			Endpoint.form("POST", "/settings/alerts/variants/{variantId}", "lowStockThreshold=5"),
			Endpoint.page("DELETE", "/settings/alerts/variants/{variantId}"),
			Endpoint.page("GET", "/settings/digest"),
			Endpoint.form("POST", "/settings/digest/schedule", "frequency=weekly&hour=9&weekday=tuesday"),
			Endpoint.form("POST", "/settings/digest/recipients", "email=sweep-a@example.com"),
			Endpoint.page("DELETE", "/settings/digest/recipients/{recipientId}"),
			Endpoint.page("POST", "/settings/digest/test"),
			Endpoint.page("GET", "/sync/progress"),
			Endpoint.page("POST", "/sync/retry"),
			Endpoint.page("GET", "/settings/api-tokens"),
			Endpoint.form("POST", "/settings/api-tokens", "name=sweep&days=7"),
			Endpoint.page("DELETE", "/settings/api-tokens/{tokenId}"),
			// Not store-scoped, each with its reason.
			Endpoint.notStoreScoped("GET", "/auth", SHOPIFY),
			Endpoint.notStoreScoped("GET", "/auth/callback", SHOPIFY),
			Endpoint.notStoreScoped("GET", "/auth/check",
					"not store-scoped: the connect form's hint (200) on whether a typed shop address has Shopify's form; "
							+ "reads nothing stored"),
			Endpoint.notStoreScoped("POST", "/webhooks/shopify",
					"not store-scoped: Shopify's deliveries, signed by HMAC over the body (see WebhookIntakeTests)"),
			Endpoint.notStoreScoped("GET", "/digest/confirm", DIGEST),
			Endpoint.notStoreScoped("POST", "/digest/confirm", DIGEST),
			Endpoint.notStoreScoped("GET", "/digest/unsubscribe", DIGEST),
			Endpoint.notStoreScoped("POST", "/digest/unsubscribe", DIGEST),
			Endpoint.notStoreScoped("GET", "/digest/open", DIGEST),
			Endpoint.notStoreScoped("GET", "/operator/webhooks", OPERATOR),
			Endpoint.notStoreScoped("POST", "/operator/webhooks/{id}/retry", OPERATOR),
			Endpoint.notStoreScoped("GET", "/local/mail", "not store-scoped: the local profile's captured mail, on 127.0.0.1 only"),
			Endpoint.notStoreScoped("GET", "/simulator", SIMULATOR),
			Endpoint.notStoreScoped("POST", "/simulator/shops/{domain}/orders", SIMULATOR),
			Endpoint.notStoreScoped("POST", "/simulator/shops/{domain}/stock", SIMULATOR),
			Endpoint.notStoreScoped("POST", "/simulator/shops/{domain}/orders/latest/cancel", SIMULATOR),
			Endpoint.notStoreScoped("POST", "/simulator/shops/{domain}/orders/latest/refund", SIMULATOR),
			Endpoint.notStoreScoped("POST", "/simulator/shops/{domain}/delivery", SIMULATOR),
			Endpoint.notStoreScoped("POST", "/simulator/shops/{domain}/uninstall", SIMULATOR),
			Endpoint.notStoreScoped("GET", "/simulator/{shop}/admin/oauth/authorize", SIMULATOR),
			Endpoint.notStoreScoped("POST", "/simulator/{shop}/admin/oauth/authorize", SIMULATOR),
			Endpoint.notStoreScoped("POST", "/simulator/{shop}/admin/oauth/access_token", SIMULATOR),
			Endpoint.notStoreScoped("POST", "/simulator/{shop}/admin/api/{version}/graphql.json", SIMULATOR),
			Endpoint.notStoreScoped("GET", "/simulator/{shop}/bulk/{id}.jsonl", SIMULATOR),
			Endpoint.notStoreScoped("ANY", "/error", "not store-scoped: Spring Boot's error page, rendered for the others' errors"),
			Endpoint.notStoreScoped("ANY", "/actuator/**", ACTUATOR),
			Endpoint.notStoreScoped("URL", "/webjars/**", "not store-scoped: htmx, a public static file"),
			Endpoint.notStoreScoped("URL", "/**", "not store-scoped: the app's static files (css, js, icon)"),
			// The live socket: the session cookie, or a session token as Bearer or ?access_token=; swept by its handshake.
			new Endpoint("URL", "/ws/stores/*", Set.of(Credential.values()), null, null, null));

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private SimulatorFixture simulator;

	private Store a;

	private Store b;

	/** One installed store: its owner's browser, its ids, and text that only its own data holds. */
	record Store(String shop, Merchant merchant, UUID id, long variantId, UUID alertId, UUID recipientId,
			String recipient, String apiToken, UUID tokenId) {

		String value(String variable) {
			return switch (variable) {
				case "storeId" -> this.id.toString();
				case "variantId" -> Long.toString(this.variantId);
				case "alertId" -> this.alertId.toString();
				case "recipientId" -> this.recipientId.toString();
				case "tokenId" -> this.tokenId.toString();
				default -> throw new IllegalArgumentException("The sweep has no value for {" + variable + "}");
			};
		}

	}

	@BeforeAll
	void installTwoStores() {
		this.simulator = new SimulatorFixture(this.context);
		SimulatorOrders orders = new SimulatorOrders(this.context);
		this.a = install(orders.newShop("sweep-a", ZoneId.of("Europe/Berlin"), 2, 2));
		this.b = install(orders.newShop("sweep-b", ZoneId.of("Europe/Berlin"), 2, 2));
	}

	private Store install(String shop) {
		Merchant merchant = new Merchant(this.port);
		UUID storeId = Installs.installAndSync(this.context, merchant, shop);
		long variantId = this.jdbc.sql("select min(shopify_id) from product_variant where store_id = :store")
			.param("store", storeId)
			.query(Long.class)
			.single();
		UUID alertId = activeAlert(merchant, storeId);
		String recipient = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		UUID recipientId = this.jdbc
			.sql("insert into digest_recipient (store_id, email) values (:store, :email) returning id")
			.param("store", storeId)
			.param("email", recipient)
			.query(UUID.class)
			.single();
		Matcher issued = Pattern.compile("value=\"(mdk_[^\"]+)\"")
			.matcher(merchant.postFormWithCsrf("/settings/api-tokens", "name=owner&days=30").body());
		assertThat(issued.find()).as("an API token issued to the owner").isTrue();
		UUID tokenId = this.jdbc.sql("select id from api_token where store_id = :store")
			.param("store", storeId)
			.query(UUID.class)
			.single();
		return new Store(shop, merchant, storeId, variantId, alertId, recipientId, recipient, issued.group(1), tokenId);
	}

	/**
	 * Store A's owner, by every credential each endpoint takes, against B's ids: refused (403 or 404) wherever a path
	 * names B's store, alert, variant or recipient, even under A's own store; elsewhere answered for A alone. Never 5xx,
	 * never B's shop or its recipient's address in the answer, and B's alert, settings, traffic and recipients as they
	 * were.
	 */
	@Test
	@Order(1)
	void storeAsCredentialsReachNothingOfStoreB() {
		String before = storeRows(this.b);
		SoftAssertions softly = new SoftAssertions();
		for (Endpoint endpoint : TABLE) {
			if (!endpoint.storeScoped() || endpoint.socket()) {
				continue;
			}
			for (Credential credential : endpoint.credentials()) {
				List<String> variables = endpoint.variables();
				if (variables.isEmpty()) {
					String path = endpoint.pattern() + "?storeId=" + this.b.id() + "&shop=" + this.b.shop();
					HttpResponse<String> response = send(endpoint, credential, this.a, path, endpoint.body());
					String call = credential + " " + endpoint.method() + " " + path;
					softly.assertThat(response.statusCode()).as(call + " answers").isLessThan(500);
					assertNothingOf(softly, this.b, call, response);
					continue;
				}
				List<Function<String, String>> crossings = new ArrayList<>();
				crossings.add(this.b::value);
				if (variables.contains("storeId") && variables.size() > 1) {
					crossings.add((variable) -> variable.equals("storeId") ? this.a.value(variable) : this.b.value(variable));
				}
				for (Function<String, String> values : crossings) {
					String path = endpoint.path(values);
					HttpResponse<String> response = send(endpoint, credential, this.a, path, endpoint.body());
					String call = credential + " " + endpoint.method() + " " + path;
					softly.assertThat(response.statusCode()).as(call + " refused").isIn(403, 404);
					assertNothingOf(softly, this.b, call, response);
				}
			}
		}
		for (Credential credential : Credential.values()) {
			softly.assertThat(handshake(this.b.id().toString(), credential, this.a, null))
				.as(credential + " socket of store B")
				.isEqualTo(403);
		}
		softly.assertThat(storeRows(this.b)).as("store B's rows after the sweep").isEqualTo(before);
		softly.assertAll();
		Installs.awaitSync(this.context, this.a.id());
	}

	/**
	 * Bad input at every endpoint, each with the credentials it takes otherwise valid: a clear 4xx, problem+json under
	 * {@code /api} and an HTML page for pages, no stack trace, and every table's row count unchanged. Not counted:
	 * {@code shedlock}, whose rows the scheduled jobs take and release, and {@code reconciliation_run}, which the
	 * 15-minute reconciliation appends to; HTTP sessions live in Redis.
	 */
	@Test
	@Order(2)
	void badInputIsAClearRefusalAndStoresNothing() {
		Map<String, Long> before = rowCounts();
		SoftAssertions softly = new SoftAssertions();
		for (Endpoint endpoint : TABLE) {
			for (Attack attack : attacks(endpoint)) {
				HttpResponse<String> response = attack.send();
				String call = attack.what() + ": " + attack.request().method() + " " + attack.request().uri().getRawPath()
						+ ((attack.request().uri().getRawQuery() != null) ? "?" + attack.request().uri().getRawQuery() : "");
				softly.assertThat(response.body()).as(call + ", its body")
					.doesNotContain("Exception", "at com.", "org.springframework");
				if (attack.redirect() != null && response.statusCode() == 302) {
					softly.assertThat(response.headers().firstValue("Location")).as(call + ", redirected")
						.hasValueSatisfying((location) -> assertThat(location).endsWith(attack.redirect()));
					continue;
				}
				softly.assertThat(response.statusCode()).as(call).isBetween(400, 499);
				// Tomcat refuses an encoded slash or NUL in the path with its own page, before any of the app runs; the
				// simulator answers as Shopify does (JSON errors, empty 404s).
				boolean refusedByTomcat = attack.request().uri().getRawPath().matches("(?i).*%(2f|00).*");
				if (response.statusCode() >= 500 || refusedByTomcat || endpoint.pattern().startsWith("/simulator/")) {
					continue;
				}
				String type = response.headers().firstValue("Content-Type").orElse("");
				softly.assertThat(type)
					.as(call + ", its content type")
					.startsWith((endpoint.api() || endpoint.pattern().startsWith("/webhooks")) ? "application/problem+json"
							: "text/html");
			}
		}
		// A query with broken %-escapes, at every GET (the others would act on their valid request): an endpoint that
		// reads its query refuses it, one that reads none answers as ever; never 5xx, never a stack trace.
		for (Endpoint endpoint : TABLE) {
			if (!endpoint.storeScoped() || endpoint.socket() || !endpoint.method().equals("GET")) {
				continue;
			}
			Credential credential = endpoint.credentials().contains(Credential.SESSION) ? Credential.SESSION : Credential.BEARER;
			String path = endpoint.path(this.a::value) + "?status=%zz&compare=%zz&q=%zz&shop=%zz&id_token=%zz";
			String response = raw(request(endpoint, credential, this.a, endpoint.path(this.a::value), null, null, null),
					path, null);
			String call = "a malformed query: " + endpoint.method() + " " + path;
			softly.assertThat(response).as(call).matches("(?s)HTTP/1.1 [234]\\d\\d .*");
			softly.assertThat(response).as(call).doesNotContain("Exception", "at com.", "org.springframework");
			if (response.startsWith("HTTP/1.1 4")) {
				softly.assertThat(response).as(call + ", its content type")
					.containsIgnoringCase("Content-Type: " + (endpoint.api() ? "application/problem+json" : "text/html"));
			}
		}
		for (String shop : BAD_SHOPS.subList(0, BAD_SHOPS.size() - 1)) {
			softly.assertThat(new Attack("", anonymous("GET", "/auth/check?shop=" + shop, null, null), this.http).send().body())
				.as("the connect form's hint for " + shop)
				.contains("That is not a Shopify store address");
		}
		for (String id : BAD_IDS) {
			softly.assertThat(handshake(id, Credential.SESSION, this.a, null)).as("socket of store " + id).isBetween(400, 499);
		}
		for (Map.Entry<String, String> token : badTokens(this.a.shop()).entrySet()) {
			softly.assertThat(handshake(this.a.id().toString(), Credential.BEARER, this.a, token.getValue()))
				.as("socket with a " + token.getKey() + " token")
				.isEqualTo(401);
		}
		softly.assertThat(rowCounts()).as("rows of every table after the bad input").isEqualTo(before);
		softly.assertAll();
	}

	/** Invalid ids and path tricks, as one path segment. */
	private static final List<String> BAD_IDS = List.of("not-a-uuid", "-1", "99999999999999999999999", "..", "%2e%2e",
			"a%2Fb", "%2e%2e%2f%2e%2e%2fapi", "%00", "'%20or%201=1");

	/**
	 * A request the sweep sends, and what it is; {@code redirect}, if any, is where the endpoint may send it back to
	 * instead of a 4xx, for a form that answers post/redirect/get with a notice.
	 */
	record Attack(String what, HttpRequest request, HttpClient http, String redirect) {

		Attack(String what, HttpRequest request, HttpClient http) {
			this(what, request, http, null);
		}

		HttpResponse<String> send() {
			try {
				return this.http.send(this.request, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(this.what + ": " + this.request, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	/** The bad requests for one endpoint. */
	private List<Attack> attacks(Endpoint endpoint) {
		List<Attack> attacks = new ArrayList<>();
		if (endpoint.storeScoped() && !endpoint.socket()) {
			Credential credential = endpoint.credentials().contains(Credential.SESSION) ? Credential.SESSION : Credential.BEARER;
			for (String variable : endpoint.variables()) {
				for (String bad : BAD_IDS) {
					String path = endpoint.path((name) -> name.equals(variable) ? bad : this.a.value(name));
					attacks.add(new Attack(variable + " " + bad, request(endpoint, credential, this.a, path, endpoint.body(),
							endpoint.contentType(), null), this.http));
				}
			}
			String path = endpoint.path(this.a::value);
			if (endpoint.credentials().contains(Credential.BEARER)) {
				Map<String, String> tokens = badTokens(this.a.shop());
				if (!endpoint.credentials().contains(Credential.API_TOKEN)) {
					tokens.put("API token, which opens no page,", this.a.apiToken());
				}
				tokens.forEach((what, token) -> attacks.add(new Attack(what + " token",
						request(endpoint, Credential.BEARER, this.a, path, endpoint.body(), endpoint.contentType(), token),
						this.http)));
			}
			if (endpoint.body() != null) {
				Credential bodies = endpoint.credentials().contains(Credential.SESSION) ? Credential.SESSION : Credential.BEARER;
				badBodies(endpoint).forEach((what, body) -> attacks.add(new Attack(what,
						request(endpoint, bodies, this.a, path, body, endpoint.contentType(), null), this.http)));
				if (endpoint.api()) {
					attacks.add(new Attack("a body that is not JSON", request(endpoint, Credential.BEARER, this.a, path,
							endpoint.body(), "text/plain", null), this.http));
				}
			}
			if (endpoint.pattern().equals("/") || endpoint.pattern().equals("/settings")) {
				for (String shop : BAD_SHOPS) {
					attacks.add(new Attack("embedded with shop " + shop, anonymous("GET", endpoint.pattern()
							+ "?embedded=1&shop=" + shop + "&id_token=" + SessionTokens.sign(shop.replace("%2F", "/"),
									Webhooks.SECRET, Instant.now()), null, null), this.http));
				}
			}
			return attacks;
		}
		return publicAttacks(endpoint);
	}

	/** Shop domains that are none, or that are another site's dressed as one. */
	private static final List<String> BAD_SHOPS = List.of("evil.com", "a.myshopify.com.evil.com",
			"evil.com%2Fa.myshopify.com", "a.myshopify.com%40evil.com", "");

	/** Bad input at the endpoints that are not store-scoped but take input. */
	private List<Attack> publicAttacks(Endpoint endpoint) {
		List<Attack> attacks = new ArrayList<>();
		switch (endpoint.key()) {
			case "GET /auth" -> BAD_SHOPS.forEach((shop) -> attacks.add(new Attack("shop " + shop,
					anonymous("GET", "/auth?shop=" + shop, null, null), this.http)));
			case "GET /auth/callback" -> {
				long now = Instant.now().getEpochSecond();
				for (String shop : BAD_SHOPS) {
					attacks.add(new Attack("callback for shop " + shop, anonymous("GET", "/auth/callback?code=abc&hmac="
							+ "00ff&host=x&shop=" + shop + "&state=abc&timestamp=" + now, null, null), this.http));
				}
				attacks.add(new Attack("callback without anything", anonymous("GET", "/auth/callback", null, null), this.http));
			}
			case "POST /webhooks/shopify" -> {
				attacks.add(new Attack("unsigned malformed delivery", webhook("{\"id\": ", null), this.http));
				attacks.add(new Attack("forged delivery", webhook("{\"id\": 1}", "bm90IGEgc2lnbmF0dXJl"), this.http));
				attacks.add(new Attack("oversized delivery", webhook("{\"id\": 1, \"x\": \"" + "x".repeat(3_000_000) + "\"}",
						null), this.http));
			}
			case "GET /digest/confirm", "POST /digest/confirm", "GET /digest/unsubscribe", "POST /digest/unsubscribe",
					"GET /digest/open" -> {
				for (String token : List.of("", "forged", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "a".repeat(10_000))) {
					attacks.add(new Attack("link token '" + token.substring(0, Math.min(token.length(), 20)) + "'",
							anonymous(endpoint.method(), endpoint.pattern() + "?t=" + token, null, null), this.http));
				}
			}
			case "POST /simulator/shops/{domain}/orders", "POST /simulator/shops/{domain}/stock",
					"POST /simulator/shops/{domain}/orders/latest/cancel",
					"POST /simulator/shops/{domain}/orders/latest/refund", "POST /simulator/shops/{domain}/delivery",
					"POST /simulator/shops/{domain}/uninstall", "GET /simulator/{shop}/admin/oauth/authorize",
					"POST /simulator/{shop}/admin/oauth/authorize", "POST /simulator/{shop}/admin/oauth/access_token",
					"POST /simulator/{shop}/admin/api/{version}/graphql.json", "GET /simulator/{shop}/bulk/{id}.jsonl" -> {
				for (String variable : endpoint.variables()) {
					for (String bad : BAD_IDS) {
						String path = endpoint.path((name) -> name.equals(variable) ? bad : switch (name) {
							case "version" -> "2026-10";
							case "id" -> "1";
							default -> this.a.shop();
						});
						attacks.add(new Attack(variable + " " + bad, anonymous(endpoint.method(), path, "application/json",
								"{\"query\": \"{ shop { name } }\"}"), this.http));
					}
				}
			}
			default -> {
				// No input to be bad about (/simulator, /local/mail, /operator/webhooks, the error page, the
				// actuator, static files); the operator's retry is swept below.
			}
		}
		if (endpoint.key().equals("POST /operator/webhooks/{id}/retry")) {
			for (String bad : BAD_IDS) {
				// A whole number that names no parked delivery is answered on the inbox page: "nothing changed".
				attacks.add(new Attack("id " + bad, operator("/operator/webhooks/" + bad + "/retry"), this.http,
						"/operator/webhooks"));
			}
		}
		return attacks;
	}

	/** Form fields of free text, where a word or a number is as good a value as any. */
	private static final Set<String> TEXT_FIELDS = Set.of("name", "email");

	/** Malformed, oversized, wrongly typed and over-described versions of the endpoint's valid body. */
	private static Map<String, String> badBodies(Endpoint endpoint) {
		Map<String, String> bodies = new LinkedHashMap<>();
		String valid = endpoint.body();
		if (endpoint.api()) {
			bodies.put("malformed JSON", valid.substring(0, valid.length() / 2));
			bodies.put("JSON that is no object", "[" + valid + "]");
			bodies.put("an empty body", "");
			bodies.put("an oversized body", valid.replaceFirst("\\{", "{\"padding\": \"" + "x".repeat(3_000_000) + "\", "));
			Matcher fields = Pattern.compile("\"(\\w+)\": (\"[^\"]*\"|\\d+)").matcher(valid);
			while (fields.find()) {
				String field = fields.group(1);
				bodies.put("'" + field + "' a word", valid.replace(fields.group(), "\"" + field + "\": \"many\""));
				bodies.put("'" + field + "' an object", valid.replace(fields.group(), "\"" + field + "\": {\"a\": 1}"));
				bodies.put("'" + field + "' a fraction", valid.replace(fields.group(), "\"" + field + "\": 1.5"));
				bodies.put("'" + field + "' huge", valid.replace(fields.group(), "\"" + field + "\": 99999999999999999999999"));
				bodies.put("'" + field + "' negative", valid.replace(fields.group(), "\"" + field + "\": -1"));
			}
			bodies.put("an unknown field", valid.replaceFirst("\\{", "{\"storeId\": \"" + UUID.randomUUID() + "\", "));
		}
		else {
			bodies.put("malformed form", valid.replaceFirst("=", "=%zz%"));
			bodies.put("an oversized form", valid + "&padding=" + "x".repeat(3_000_000));
			for (String pair : valid.split("&")) {
				String field = pair.substring(0, pair.indexOf('='));
				bodies.put("'" + field + "' 1000 characters", valid.replace(pair, field + "=" + "x".repeat(1000)));
				if (!TEXT_FIELDS.contains(field)) {
					bodies.put("'" + field + "' a word", valid.replace(pair, field + "=many"));
					bodies.put("'" + field + "' huge", valid.replace(pair, field + "=99999999999999999999999"));
					bodies.put("'" + field + "' negative", valid.replace(pair, field + "=-1"));
				}
			}
		}
		return bodies;
	}

	/** Session tokens of the shop that must not be taken: each wrong in one way. */
	private static Map<String, String> badTokens(String shop) {
		Map<String, String> tokens = new LinkedHashMap<>();
		Instant now = Instant.now();
		tokens.put("forged", SessionTokens.sign(shop, "a-forged-secret-that-is-long-enough-for-hs256", now));
		tokens.put("expired", SessionTokens.sign(shop, Webhooks.SECRET, now.minusSeconds(300)));
		tokens.put("wrong-audience", signed(claims(shop, now).audience("another-app").build()));
		tokens.put("alg=none", new PlainJWT(claims(shop, now).build()).serialize());
		tokens.put("exp-less", signed(claims(shop, now).expirationTime(null).build()));
		tokens.put("other shop's iss", signed(claims(shop, now).issuer("https://evil.myshopify.com/admin").build()));
		tokens.put("garbage", "not.a.token");
		tokens.put("forged API", "mdk_" + "A".repeat(43));
		return tokens;
	}

	private static JWTClaimsSet.Builder claims(String shop, Instant now) {
		return new JWTClaimsSet.Builder().issuer("https://" + shop + "/admin")
			.claim("dest", "https://" + shop)
			.audience(SessionTokens.API_KEY)
			.subject("42")
			.jwtID(UUID.randomUUID().toString())
			.claim("sid", "s")
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(60)));
	}

	private static String signed(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
			jwt.sign(new MACSigner(Webhooks.SECRET));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> send(Endpoint endpoint, Credential credential, Store store, String path, String body) {
		return new Attack("", request(endpoint, credential, store, path, body, endpoint.contentType(), null), this.http).send();
	}

	/**
	 * The endpoint's request as the store's owner sends it by that credential ({@code token} instead of a valid one,
	 * if given).
	 */
	private HttpRequest request(Endpoint endpoint, Credential credential, Store store, String path, String body,
			String contentType, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", endpoint.api() ? "application/json" : "text/html")
			.method(endpoint.method(), (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		else if (credential == Credential.SESSION) {
			request.header("Cookie", store.merchant().cookieHeader());
			if (!endpoint.method().equals("GET")) {
				request.header("X-CSRF-TOKEN", csrfToken(store));
			}
		}
		else {
			request.header("Authorization", "Bearer " + bearer(credential, store));
		}
		return request.build();
	}

	private String bearer(Credential credential, Store store) {
		return (credential == Credential.API_TOKEN) ? store.apiToken() : this.simulator.idToken(store.shop());
	}

	private HttpRequest anonymous(String method, String path, String contentType, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "text/html")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return request.build();
	}

	private HttpRequest webhook(String body, String signature) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/webhooks/shopify"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-Shopify-Topic", "orders/create")
			.header("X-Shopify-Shop-Domain", this.a.shop())
			.header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
			.header("X-Shopify-Triggered-At", Instant.now().toString())
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (signature != null) {
			request.header("X-Shopify-Hmac-Sha256", signature);
		}
		return request.build();
	}

	/** A form post of the operator's, signed in by HTTP Basic with the CSRF token of the operator's own session. */
	private HttpRequest operator(String path) {
		String basic = "Basic " + Base64.getEncoder().encodeToString("operator:operator".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> page = new Attack("", HttpRequest.newBuilder(uri("/operator/webhooks"))
			.header("Authorization", basic)
			.build(), this.http).send();
		Matcher csrf = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(page.body());
		assertThat(csrf.find()).as("the operator's page carries a CSRF token").isTrue();
		String cookies = page.headers()
			.allValues("Set-Cookie")
			.stream()
			.map((cookie) -> cookie.substring(0, cookie.indexOf(';')))
			.collect(Collectors.joining("; "));
		return HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", basic)
			.header("Cookie", cookies)
			.header("Accept", "text/html")
			.header("X-CSRF-TOKEN", csrf.group(1))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
	}

	private final Map<UUID, String> csrfTokens = new HashMap<>();

	/** The CSRF token the store's signed-in page carries. */
	private String csrfToken(Store store) {
		return this.csrfTokens.computeIfAbsent(store.id(), (id) -> {
			Matcher token = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"")
				.matcher(store.merchant().get("/").body());
			assertThat(token.find()).as("the signed-in page carries a CSRF token").isTrue();
			return token.group(1);
		});
	}

	/**
	 * The request sent over a plain socket with a path and query as given, which {@link URI} would refuse to carry
	 * (a broken %-escape); the whole response as text.
	 */
	private String raw(HttpRequest template, String pathAndQuery, String body) {
		byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		StringBuilder head = new StringBuilder(template.method() + " " + pathAndQuery + " HTTP/1.1\r\n")
			.append("Host: localhost:").append(this.port).append("\r\nConnection: close\r\n")
			.append("Content-Length: ").append(content.length).append("\r\n");
		template.headers().map().forEach((name, values) -> values.forEach((value) -> head.append(name).append(": ").append(value).append("\r\n")));
		head.append("\r\n");
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().write(content);
			socket.getOutputStream().flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	/**
	 * The live socket's handshake for that store id, as the store's owner by that credential (or with {@code token}):
	 * 101 when it opened (and it is closed again), else the status it was refused with.
	 */
	private int handshake(String storeId, Credential credential, Store store, String token) {
		WebSocket.Builder builder = this.http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		else if (credential == Credential.SESSION) {
			builder.header("Cookie", store.merchant().cookieHeader());
		}
		else {
			builder.header("Authorization", "Bearer " + bearer(credential, store));
		}
		try {
			WebSocket socket = builder.buildAsync(URI.create("ws://localhost:" + this.port + "/ws/stores/" + storeId),
					new WebSocket.Listener() {
					})
				.get(10, TimeUnit.SECONDS);
			socket.abort();
			return 101;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw new IllegalStateException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What of store B may not be in an answer to A: its shop's domain and its recipient's address. */
	private static void assertNothingOf(SoftAssertions softly, Store other, String call, HttpResponse<String> response) {
		softly.assertThat(response.body()).as(call + ", its body").doesNotContain(other.shop(), other.recipient());
		softly.assertThat(response.headers().map().toString()).as(call + ", its headers").doesNotContain(other.shop());
	}

	/**
	 * What of the store the endpoints may change: its alerts' acknowledgement (their status alone may move in the
	 * background, resolved by an evaluation), settings, traffic, digest recipients and sync.
	 */
	private String storeRows(Store store) {
		return this.jdbc.sql("""
				select concat_ws(' | ',
				  (select string_agg(id || ':' || coalesce(acknowledged_at::text, '-'), ',' order by id)
				     from inventory_alert where store_id = :store),
				  (select string_agg(t::text, ',' order by t::text) from store_settings t where store_id = :store),
				  (select string_agg(t::text, ',' order by t::text) from alert_variant_setting t where store_id = :store),
				  (select string_agg(t::text, ',' order by t::text) from traffic_hourly t where store_id = :store and source = 'API'),
				  (select string_agg(t::text, ',' order by t::text) from digest_recipient t where store_id = :store),
				  (select string_agg(id || ':' || expires_at, ',' order by id) from api_token where store_id = :store),
				  (select sync_status from store where id = :store))""")
			.param("store", store.id())
			.query(String.class)
			.single();
	}

	/**
	 * The row count of every table of the schema, but those that background jobs write to; of {@code traffic_hourly}
	 * the rows the API posted, and their sessions, which a post adds to an hour's row (the sessions import of
	 * Shopify's figures replaces its own rows in the background).
	 */
	private Map<String, Long> rowCounts() {
		List<String> tables = this.jdbc.sql("""
				select table_name from information_schema.tables
				where table_schema = current_schema() and table_type = 'BASE TABLE'
				  and table_name not in ('shedlock', 'reconciliation_run')
				order by 1""")
			.query(String.class)
			.list();
		assertThat(tables).as("tables counted").contains("store", "webhook_inbox", "traffic_hourly");
		Map<String, Long> counts = new TreeMap<>();
		for (String table : tables) {
			counts.put(table, this.jdbc.sql("select count(*) from \"" + table + "\"").query(Long.class).single());
		}
		counts.put("traffic_hourly", this.jdbc.sql("select count(*) from traffic_hourly where source = 'API'")
			.query(Long.class)
			.single());
		counts.put("traffic_hourly sessions", this.jdbc
			.sql("select coalesce(sum(sessions), 0) from traffic_hourly where source = 'API'")
			.query(Long.class)
			.single());
		return counts;
	}

	/**
	 * An alert of the store that its evaluation of the whole store raised, once the alerts of the synced store can no
	 * longer change behind the sweep's back; one is written if none comes. The owner saves the store's alert settings,
	 * which evaluates the whole store before it answers: the evaluation that follows the sync runs in the background,
	 * and the order batches the sync itself applied may have had their variants evaluated a moment before it (a few of
	 * the store's alerts, the rest 250 ms later). Whichever runs last finds nothing more to raise.
	 */
	private UUID activeAlert(Merchant merchant, UUID storeId) {
		assertThat(merchant.postFormWithCsrf("/settings/alerts", SETTINGS_FORM).statusCode())
			.as("the owner's alert settings saved")
			.isEqualTo(200);
		return this.jdbc
			.sql("select id from inventory_alert where store_id = :store and status = 'ACTIVE' order by id limit 1")
			.param("store", storeId)
			.query(UUID.class)
			.optional()
			.orElseGet(() -> this.jdbc.sql("""
					insert into inventory_alert (store_id, product_id, variant_id, alert_type, threshold, current_level)
					select store_id, product_id, shopify_id, 'LOW_STOCK', 5, 1 from product_variant
					where store_id = :store order by shopify_id limit 1
					returning id""")
				.param("store", storeId)
				.query(UUID.class)
				.single());
	}

	@Test
	void everyMappingOfTheApplicationIsInTheTable() {
		Map<String, Endpoint> table = TABLE.stream()
			.collect(Collectors.toMap(Endpoint::key, Function.identity(), (first, second) -> {
				throw new IllegalStateException("Twice in the table: " + first.key());
			}, TreeMap::new));
		Set<String> mapped = mappings();

		assertThat(mapped).as("mappings of the application without a row in the table").isSubsetOf(table.keySet());
		assertThat(table.keySet()).as("rows of the table the application no longer maps").isSubsetOf(mapped);
	}

	/**
	 * Every {@code METHOD pattern} the application maps: annotated controllers and actuator endpoints, the URL
	 * mappings (the live socket and the static files), which stand outside the table and are checked on their own, and
	 * the filters that answer an address of their own ahead of Spring MVC (the webhook intake, which takes POSTs).
	 */
	private Set<String> mappings() {
		Set<String> mapped = new TreeSet<>();
		for (FilterRegistrationBean<?> filter : this.context.getBeansOfType(FilterRegistrationBean.class).values()) {
			filter.getUrlPatterns().forEach((pattern) -> mapped.add("POST " + pattern));
		}
		for (HandlerMapping mapping : this.context.getBeansOfType(HandlerMapping.class).values()) {
			if (mapping instanceof RequestMappingInfoHandlerMapping infos) {
				for (RequestMappingInfo info : infos.getHandlerMethods().keySet()) {
					Set<String> methods = info.getMethodsCondition()
						.getMethods()
						.stream()
						.map(Enum::name)
						.collect(Collectors.toSet());
					for (String pattern : info.getPatternValues()) {
						if (pattern.startsWith("/actuator")) {
							mapped.add("ANY /actuator/**");
							continue;
						}
						for (String method : methods.isEmpty() ? Set.of("ANY") : methods) {
							mapped.add(method + " " + pattern);
						}
					}
				}
			}
			else if (mapping instanceof AbstractUrlHandlerMapping urls) {
				urls.getHandlerMap().keySet().forEach((pattern) -> mapped.add("URL " + pattern));
			}
			else if (mapping instanceof RouterFunctionMapping functions) {
				assertThat(functions.getRouterFunction()).as("functional endpoints, which the sweep does not read").isNull();
			}
		}
		return mapped;
	}

}
