package com.metricsdash.shop;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.metricsdash.shopify.ShopifySignatures;
import com.metricsdash.shopify.WebhookTopic;
import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import com.metricsdash.testing.SessionTokens;
import com.metricsdash.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class InstallFlowTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StoreRepository stores;

	SimulatorFixture simulator;

	Merchant merchant;

	String shop;

	@BeforeEach
	void setUp() {
		this.simulator = new SimulatorFixture(this.context);
		this.merchant = new Merchant(this.port);
		this.shop = this.simulator.newShop("install");
	}

	@Test
	void installingThroughTheConsentPageConnectsTheStoreAndSignsTheMerchantIn() {
		HttpResponse<String> landing = this.merchant.install(this.shop);

		assertThat(landing.statusCode()).isEqualTo(200);
		assertThat(landing.body()).contains("Shop install").contains(this.shop).contains("Europe/Berlin")
			.contains("<meta name=\"_csrf\"")
			.as("outside the admin, no App Bridge").doesNotContain("app-bridge.js").doesNotContain("embedded.js");
		Store store = this.stores.findByShopifyDomain(this.shop).orElseThrow();
		assertThat(store.status()).isEqualTo(StoreStatus.INSTALLED);
		assertThat(store.syncStatus()).isIn(SyncStatus.PENDING, SyncStatus.SYNCING, SyncStatus.COMPLETE);
		assertThat(store.currency()).isEqualTo("EUR");
		assertThat(this.simulator.installed(this.shop)).isTrue();
		assertThat(this.simulator.webhookTopics(this.shop))
			.containsExactlyInAnyOrder(java.util.Arrays.stream(WebhookTopic.values()).map(Enum::name).toArray(String[]::new));
	}

	@Test
	void credentialsAreStoredEncrypted() {
		this.merchant.install(this.shop);
		UUID storeId = this.stores.findByShopifyDomain(this.shop).orElseThrow().id();

		byte[] sealed = this.jdbc.sql("select access_token from store_credential where store_id = :id")
			.param("id", storeId)
			.query(byte[].class)
			.single();
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("shpat_");
	}

	@Test
	void installingAgainChangesNothingButTheTokens() {
		this.merchant.install(this.shop);
		this.merchant.install(this.shop);

		assertThat(this.simulator.webhookTopics(this.shop)).hasSize(WebhookTopic.values().length);
		assertThat(this.jdbc.sql("select count(*) from store where shopify_domain = :shop")
			.param("shop", this.shop)
			.query(Integer.class)
			.single()).isOne();
	}

	@ParameterizedTest
	@ValueSource(strings = { "evil.com", "x.myshopify.com.evil.com", "127.0.0.1", "a%20b.myshopify.com", "" })
	void aShopThatIsNotAMyshopifyDomainIsRefusedWithASentence(String shop) {
		HttpResponse<String> response = this.merchant.get("/auth?shop=" + shop);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("That is not a Shopify store address");
		assertThat(response.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void refusalsAreProblemJsonForClientsThatAskForJson() {
		HttpResponse<String> response = this.merchant.getJson("/auth?shop=evil.com");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
		assertThat(response.body()).contains("\"status\":400").contains("That is not a Shopify store address");
	}

	@Test
	void aTamperedCallbackIsRefusedAndStoresNothing() {
		String callback = this.merchant.approveInstall(this.shop);

		assertRefused(withParameter(callback, "hmac", "0".repeat(64)), 401, "not signed by Shopify");
		assertRefused(withParameter(callback, "hmac", null), 401, "not signed by Shopify");
		assertRefused(withParameter(callback, "shop", "evil.com"), 400, "not a Shopify store address");
	}

	@Test
	void aStaleCallbackIsRefused() {
		Map<String, String> parameters = parameters(this.merchant.approveInstall(this.shop));
		parameters.put("timestamp", Long.toString(Instant.now().minusSeconds(120).getEpochSecond()));
		parameters.put("hmac", ShopifySignatures.signQuery(Webhooks.SECRET, parameters));

		assertRefused(callbackUrl(parameters), 401, "has expired");
	}

	@Test
	void aWrongStateOrACallbackFromAnotherBrowserIsRefused() {
		Map<String, String> parameters = parameters(this.merchant.approveInstall(this.shop));
		parameters.put("state", "not-the-nonce");
		parameters.put("hmac", ShopifySignatures.signQuery(Webhooks.SECRET, parameters));
		assertRefused(callbackUrl(parameters), 403, "not started from this browser");

		String callback = this.merchant.approveInstall(this.shop);
		HttpResponse<String> elsewhere = new Merchant(this.port).get(callback);
		assertThat(elsewhere.statusCode()).isEqualTo(403);
		assertThat(this.stores.findByShopifyDomain(this.shop)).isEmpty();
	}

	@Test
	void aReplayedCallbackIsRefused() {
		String callback = this.merchant.approveInstall(this.shop);
		assertThat(this.merchant.get(callback).statusCode()).isEqualTo(302);

		HttpResponse<String> replay = this.merchant.get(callback);
		assertThat(replay.statusCode()).isEqualTo(403);
	}

	@Test
	void aCodeUsedOnceIsRefusedTheSecondTime() {
		Map<String, String> first = parameters(this.merchant.approveInstall(this.shop));
		assertThat(this.merchant.get(callbackUrl(first)).statusCode()).isEqualTo(302);

		Map<String, String> second = parameters(this.merchant.approveInstall(this.shop));
		second.put("code", first.get("code"));
		second.put("hmac", ShopifySignatures.signQuery(Webhooks.SECRET, second));
		HttpResponse<String> reused = this.merchant.get(callbackUrl(second));
		assertThat(reused.statusCode()).isEqualTo(400);
		assertThat(reused.body()).contains("used already or has expired");
	}

	@Test
	void anEmbeddedLoadInstallsByTokenExchange() {
		String idToken = this.simulator.idToken(this.shop);

		HttpResponse<String> page = this.merchant.get("/?embedded=1&shop=" + this.shop + "&host=abc&id_token=" + idToken);

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Shop install")
			.contains("<meta name=\"shopify-api-key\" content=\"" + SessionTokens.API_KEY + "\">")
			.contains("/js/embedded.js")
			.doesNotContain("name=\"_csrf\"");
		assertThat(page.body().indexOf("<script")).as("App Bridge is the first script of the head")
			.isEqualTo(page.body().indexOf("<script src=\"https://cdn.shopify.com/shopifycloud/app-bridge.js\"></script>"));
		assertThat(page.headers().allValues("Set-Cookie")).as("no session: the admin's iframe blocks cookies").isEmpty();
		assertThat(page.headers().firstValue("Content-Security-Policy")).get()
			.asString()
			.contains("frame-ancestors https://" + this.shop + " https://admin.shopify.com;");
		assertThat(this.stores.findByShopifyDomain(this.shop)).get().extracting(Store::status)
			.isEqualTo(StoreStatus.INSTALLED);
	}

	@Test
	void aSessionTokenInstallsOnceSoThatReplayingItDoesNotReviveAnUninstalledStore() {
		String idToken = this.simulator.idToken(this.shop);
		assertThat(this.merchant.get("/?embedded=1&shop=" + this.shop + "&id_token=" + idToken).statusCode())
			.isEqualTo(200);
		UUID storeId = this.stores.findByShopifyDomain(this.shop).orElseThrow().id();
		assertThat(this.merchant.get("/?embedded=1&shop=" + this.shop + "&id_token=" + idToken).statusCode())
			.as("the same token opens the installed store's page again").isEqualTo(200);
		this.stores.markUninstalled(storeId);

		HttpResponse<String> replayed = this.merchant.get("/?embedded=1&shop=" + this.shop + "&id_token=" + idToken);

		assertThat(replayed.statusCode()).isEqualTo(401);
		assertThat(replayed.body()).contains("has installed the app already");
		assertThat(this.stores.findById(storeId)).get().extracting(Store::status).isEqualTo(StoreStatus.UNINSTALLED);
		assertThat(this.merchant.get("/?embedded=1&shop=" + this.shop + "&id_token=" + this.simulator.idToken(this.shop))
			.statusCode()).as("a fresh token from the admin installs again").isEqualTo(200);
	}

	@Test
	void aForgedOrExpiredIdTokenIsRefusedAndInstallsNothing() {
		String forged = this.simulator.idToken(this.shop);
		forged = forged.substring(0, forged.length() - 4) + "AAAA";

		HttpResponse<String> page = this.merchant.get("/?embedded=1&shop=" + this.shop + "&id_token=" + forged);

		assertThat(page.statusCode()).isEqualTo(401);
		assertThat(page.body()).contains("could not vouch for this page");
		assertThat(this.stores.findByShopifyDomain(this.shop)).isEmpty();
	}

	@Test
	void pagesMayBeFramedOnlyByTheShopsAdmin() {
		assertThat(this.merchant.get("/").headers().firstValue("Content-Security-Policy")).get()
			.asString()
			.contains("frame-ancestors 'none';");
	}

	private void assertRefused(String callback, int status, String sentence) {
		HttpResponse<String> response = this.merchant.get(callback);
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.body()).contains(sentence);
		assertThat(this.stores.findByShopifyDomain(this.shop)).isEmpty();
	}

	private static Map<String, String> parameters(String url) {
		Map<String, String> parameters = new LinkedHashMap<>();
		UriComponentsBuilder.fromUriString(url).build().getQueryParams().forEach((key, values) -> parameters.put(key,
				org.springframework.web.util.UriUtils.decode(values.get(0), StandardCharsets.UTF_8)));
		return parameters;
	}

	private String callbackUrl(Map<String, String> parameters) {
		UriComponentsBuilder url = UriComponentsBuilder.fromUriString("http://localhost:" + this.port + "/auth/callback");
		parameters.forEach(url::queryParam);
		return url.encode().toUriString();
	}

	private static String withParameter(String url, String name, String value) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromUri(URI.create(url));
		return (value == null ? builder.replaceQueryParam(name) : builder.replaceQueryParam(name, value)).build(true)
			.toUriString();
	}

}
