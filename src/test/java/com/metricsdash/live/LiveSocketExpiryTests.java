package com.metricsdash.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import com.metricsdash.testing.SessionTokens;
import com.metricsdash.testing.Webhooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A socket opened with a token lives as long as the token, unless the page renews it: a Shopify session token is
 * valid for a minute and 10 s of clock skew, so these tests open sockets with tokens issued 65 s ago, valid 5 s more.
 */
@IntegrationTest
class LiveSocketExpiryTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	LivePush push;

	@Autowired
	Stores stores;

	@Autowired
	JdbcClient jdbc;

	SimulatorFixture simulator;

	Merchant merchant;

	String shop;

	UUID storeId;

	final List<LiveClient> clients = new ArrayList<>();

	@BeforeEach
	void install() {
		this.simulator = new SimulatorFixture(this.context);
		this.merchant = new Merchant(this.port);
		this.shop = this.simulator.newShop("live-expiry");
		this.merchant.install(this.shop);
		this.storeId = storeOf(this.shop);
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(LiveClient::close);
	}

	@Test
	void aSocketClosesWhenItsSessionTokenExpiresWhileABrowserSessionsStaysOpen() {
		LiveClient session = connect(Map.of("Cookie", this.merchant.cookieHeader()));
		LiveClient expiring = connect(bearer(expiringIn5Seconds()));

		assertThat(expiring.closeCode(Duration.ofSeconds(12))).isEqualTo(4401);
		assertThat(expiring.closeReason()).isEqualTo("Token expired: reconnect with a fresh one");
		assertThat(session.closeCode(Duration.ZERO)).isNull();
		assertThat(this.push.connections(this.storeId)).isEqualTo(1);
	}

	@Test
	void aSocketRenewedWithAFreshTokenStaysOpenPastItsFirstTokensExpiry() throws Exception {
		LiveClient socket = connect(bearer(expiringIn5Seconds()));

		socket.renew(this.simulator.idToken(this.shop));

		assertThat(socket.closeCode(Duration.ofSeconds(9))).as("open 4 s past the first token's end").isNull();
		this.push.publish(this.storeId, new LiveMessage("<p id=\"x\" hx-swap-oob=\"true\">still here</p>", null, null));
		String frame;
		do {
			frame = socket.next(WAIT);
		}
		while (frame != null && !frame.contains("still here"));
		assertThat(frame).isNotNull();
	}

	@Test
	void aRenewalThatIsNoValidTokenOfTheSocketsStoreClosesIt() {
		String otherShop = this.simulator.newShop("live-expiry-other");
		new Merchant(this.port).install(otherShop);
		LiveClient otherShopsRenewal = connect(bearer(this.simulator.idToken(this.shop)));
		LiveClient forgedRenewal = connect(bearer(this.simulator.idToken(this.shop)));

		otherShopsRenewal.renew(this.simulator.idToken(otherShop));
		forgedRenewal.renew(SessionTokens.sign(this.shop, "a-forged-secret-that-is-long-enough-too", Instant.now()));

		assertThat(otherShopsRenewal.closeCode(WAIT)).isEqualTo(4401);
		assertThat(forgedRenewal.closeCode(WAIT)).isEqualTo(4401);
	}

	@Test
	void anApiTokenOpensTheSocketOfItsOwnStoreOnly() {
		String token = issueApiToken();
		String otherShop = this.simulator.newShop("live-expiry-other");
		new Merchant(this.port).install(otherShop);

		connect(bearer(token));

		assertThatThrownBy(() -> LiveClient.connect(url(storeOf(otherShop)), bearer(token)))
			.isInstanceOfSatisfying(LiveClient.Refused.class, (refused) -> assertThat(refused.status()).isEqualTo(403));
		assertThatThrownBy(() -> LiveClient.connect(url(this.storeId), bearer(token.substring(0, 20) + "x".repeat(27))))
			.isInstanceOfSatisfying(LiveClient.Refused.class, (refused) -> assertThat(refused.status()).isEqualTo(401));
	}

	@Test
	void revokingAnApiTokenClosesTheSocketsItOpenedAtOnce() {
		String token = issueApiToken();
		LiveClient opened = connect(bearer(token));
		LiveClient session = connect(Map.of("Cookie", this.merchant.cookieHeader()));
		UUID tokenId = this.jdbc.sql("select id from api_token where store_id = :storeId")
			.param("storeId", this.storeId)
			.query(UUID.class)
			.single();

		assertThat(this.merchant.deleteWithCsrf("/settings/api-tokens/" + tokenId).statusCode()).isEqualTo(200);

		assertThat(opened.closeCode(WAIT)).isEqualTo(4401);
		assertThat(opened.closeReason()).isEqualTo("Token revoked");
		assertThat(session.closeCode(Duration.ZERO)).as("the merchant's own page stays live").isNull();
	}

	/** A token Shopify issued 65 s ago: with the 10 s of skew allowed, it is valid for 5 s more. */
	private String expiringIn5Seconds() {
		return SessionTokens.sign(this.shop, Webhooks.SECRET, Instant.now().minusSeconds(65));
	}

	private String issueApiToken() {
		String section = this.merchant.postFormWithCsrf("/settings/api-tokens", "name=Socket&days=7").body();
		Matcher token = Pattern.compile("value=\"(mdk_[A-Za-z0-9_-]+)\"").matcher(section);
		assertThat(token.find()).isTrue();
		return token.group(1);
	}

	private LiveClient connect(Map<String, String> headers) {
		int before = this.push.connections(this.storeId);
		LiveClient client = LiveClient.connect(url(this.storeId), headers);
		this.clients.add(client);
		await().atMost(WAIT).until(() -> this.push.connections(this.storeId) > before);
		return client;
	}

	private String url(UUID storeId) {
		return "ws://localhost:" + this.port + "/ws/stores/" + storeId;
	}

	private UUID storeOf(String shop) {
		return this.stores.installed(ShopDomain.parse(shop).orElseThrow()).orElseThrow().id();
	}

	private static Map<String, String> bearer(String token) {
		return Map.of("Authorization", "Bearer " + token);
	}

}
