package com.metricsdash.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import com.metricsdash.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** API tokens made on the settings page, used on {@code /api/**} over real HTTP as a script would. */
@IntegrationTest
class ApiTokensTests {

	private static final Pattern ISSUED = Pattern.compile("id=\"api-token-value\"[^>]*value=\"(mdk_[A-Za-z0-9_-]{43})\"");

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	Stores stores;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newHttpClient();

	SimulatorFixture simulator;

	Merchant merchant;

	String shop;

	UUID storeId;

	@BeforeEach
	void install() {
		this.simulator = new SimulatorFixture(this.context);
		this.merchant = new Merchant(this.port);
		this.shop = this.simulator.newShop("api-tokens");
		this.merchant.install(this.shop);
		this.storeId = storeOf(this.shop);
	}

	@Test
	void anIssuedTokenOpensTheApiOfItsStoreAndIsStoredOnlyAsItsHash() throws Exception {
		String token = issue("Reporting script");

		HttpResponse<String> stores = api("/api/stores", token);
		assertThat(stores.statusCode()).isEqualTo(200);
		assertThat(stores.body()).contains("\"id\":\"" + this.storeId + "\"");
		assertThat(api("/api/stores/" + this.storeId + "/dashboard", token).statusCode()).isEqualTo(200);

		assertThat(this.jdbc.sql("""
				select count(*) from api_token
				where store_id = :storeId and token_hash = sha256(convert_to(:token, 'UTF8')) and last_used_at is not null""")
			.param("storeId", this.storeId)
			.param("token", token)
			.query(Long.class)
			.single()).isEqualTo(1);
		String listed = this.merchant.get("/settings/api-tokens").body();
		assertThat(listed).contains("Reporting script").doesNotContain(token).doesNotContain(">never<");
	}

	@Test
	void anotherStoresIdIsRefused() throws Exception {
		String token = issue("Reporting script");
		Merchant other = new Merchant(this.port);
		String otherShop = this.simulator.newShop("api-tokens-other");
		other.install(otherShop);

		HttpResponse<String> refused = api("/api/stores/" + storeOf(otherShop) + "/dashboard", token);

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(api("/api/stores", token).body()).doesNotContain(storeOf(otherShop).toString());
	}

	@Test
	void anExpiredTokenIsRefused() throws Exception {
		String token = issue("Short-lived");
		this.jdbc.sql("update api_token set expires_at = now() - interval '1 second' where store_id = :storeId")
			.param("storeId", this.storeId)
			.update();

		assertUnauthorized(api("/api/stores", token));
		assertThat(this.merchant.get("/settings/api-tokens").body()).contains(">Expired<");
	}

	@Test
	void aRevokedTokenIsRefusedAndAnotherStoreCannotRevokeIt() throws Exception {
		String token = issue("Revoked soon");
		UUID tokenId = this.jdbc.sql("select id from api_token where store_id = :storeId")
			.param("storeId", this.storeId)
			.query(UUID.class)
			.single();
		Merchant other = new Merchant(this.port);
		other.install(this.simulator.newShop("api-tokens-other"));
		assertThat(other.deleteWithCsrf("/settings/api-tokens/" + tokenId).statusCode()).isEqualTo(404);
		assertThat(api("/api/stores", token).statusCode()).isEqualTo(200);

		HttpResponse<String> revoked = this.merchant.deleteWithCsrf("/settings/api-tokens/" + tokenId);

		assertThat(revoked.statusCode()).isEqualTo(200);
		assertThat(revoked.body()).contains("No API tokens yet.");
		assertUnauthorized(api("/api/stores", token));
	}

	@Test
	void removingTheAppRevokesItsTokensForGood() throws Exception {
		String token = issue("Reporting script");

		new Webhooks(this.port).deliver("app/uninstalled", this.shop, UUID.randomUUID().toString(),
				Webhooks.uninstalledBody(this.shop));

		await().atMost(Duration.ofSeconds(10)).until(() -> api("/api/stores", token).statusCode() == 401);
		assertThat(tokens()).isZero();
		new Merchant(this.port).install(this.shop);
		assertThat(this.stores.installed(this.storeId)).as("installed again").isPresent();
		assertUnauthorized(api("/api/stores", token));
	}

	@Test
	void aTokenOpensNoPageSoItCannotMakeMoreTokens() throws Exception {
		String token = issue("Reporting script");

		HttpResponse<String> page = this.http.send(HttpRequest.newBuilder(url("/settings/api-tokens"))
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString("name=more&days=365"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(page.statusCode()).isEqualTo(401);
		assertThat(tokens()).isEqualTo(1);
	}

	@Test
	void aNameOrLifetimeOutsideTheOffersIsRefusedAndMakesNothing() {
		HttpResponse<String> blank = this.merchant.postFormWithCsrf("/settings/api-tokens", "name=+&days=90");
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(blank.body()).contains("Name must be 1 to 100 characters.").contains("aria-invalid=\"true\"");

		HttpResponse<String> forever = this.merchant.postFormWithCsrf("/settings/api-tokens", "name=Forever&days=36500");
		assertThat(forever.statusCode()).isEqualTo(400);
		assertThat(forever.body()).contains("Expires must be one of the offered periods.");

		assertThat(tokens()).isZero();
	}

	/** Makes a token on the settings page as the signed-in merchant, and reads it off the answer. */
	private String issue(String name) {
		HttpResponse<String> created = this.merchant.postFormWithCsrf("/settings/api-tokens",
				"name=" + name.replace(' ', '+') + "&days=90");
		assertThat(created.statusCode()).isEqualTo(200);
		Matcher token = ISSUED.matcher(created.body());
		assertThat(token.find()).as("the new token is shown").isTrue();
		return token.group(1);
	}

	private HttpResponse<String> api(String path, String token) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(url(path))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void assertUnauthorized(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(response.body()).contains("unknown, has been revoked or has expired");
	}

	private long tokens() {
		return this.jdbc.sql("select count(*) from api_token where store_id = :storeId")
			.param("storeId", this.storeId)
			.query(Long.class)
			.single();
	}

	private UUID storeOf(String shop) {
		return this.stores.installed(ShopDomain.parse(shop).orElseThrow()).orElseThrow().id();
	}

	private URI url(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
