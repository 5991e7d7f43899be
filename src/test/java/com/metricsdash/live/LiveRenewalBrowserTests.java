package com.metricsdash.live;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.testing.BrowserTest;
import com.metricsdash.testing.Merchant;
import com.metricsdash.testing.SessionTokens;
import com.metricsdash.testing.Webhooks;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page inside the Shopify admin keeps its socket past the minute of the token it opened it with: it renews the
 * socket with each fresh token from App Bridge, and reconnects with the latest one when the socket was closed for an
 * expired token anyway.
 */
@BrowserTest
class LiveRenewalBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	LiveSockets sockets;

	final BlockingQueue<LiveConnected> connected = new LinkedBlockingQueue<>();

	final ApplicationListener<PayloadApplicationEvent<LiveConnected>> announcements = ApplicationListener
		.forPayload(this.connected::add);

	SimulatorFixture admin;

	String shop;

	@BeforeEach
	void install() {
		this.admin = new SimulatorFixture(this.context);
		this.shop = this.admin.newShop("live-renewal");
		new Merchant(this.port).install(this.shop);
		((ConfigurableApplicationContext) this.context).addApplicationListener(this.announcements);
	}

	@AfterEach
	void stopListening() {
		((ConfigurableApplicationContext) this.context).removeApplicationListener(this.announcements);
	}

	@Test
	void theSocketIsRenewedWithFreshTokensAndOutlivesTheTokenItOpenedWith(Page page) {
		List<WebSocket> opened = embedded(page);
		// issued 65 s ago: with the 10 s of skew allowed, the server takes it for 5 s more
		String expiring = SessionTokens.sign(this.shop, Webhooks.SECRET, Instant.now().minusSeconds(65));
		List<String> sent = new CopyOnWriteArrayList<>();
		page.onWebSocket((socket) -> socket.onFrameSent((frame) -> sent.add(frame.text())));

		page.navigate(storePage(expiring));
		assertThat(page.locator("#live-status")).hasText("Live");
		page.waitForTimeout(9000);

		assertThat(opened).as("the one socket, never closed").hasSize(1);
		assertThat(opened.get(0).url()).contains("access_token=" + expiring);
		assertThat(opened.get(0).isClosed()).isFalse();
		assertThat(sent).anySatisfy((frame) -> assertThat(frame).startsWith("{\"type\":\"renew\",\"token\":\""));
		assertThat(page.locator("#live-status")).hasText("Live");
	}

	@Test
	void aSocketClosedForAnExpiredTokenReconnectsWithTheLatestToken(Page page) throws InterruptedException {
		List<WebSocket> opened = embedded(page);
		page.navigate(storePage(this.admin.idToken(this.shop)));
		assertThat(page.locator("#live-status")).hasText("Live");
		LiveConnected first = this.connected.poll(5, TimeUnit.SECONDS);
		assertThat(first).isNotNull();

		this.sockets.expire(first.sessionId());

		LiveConnected again = this.connected.poll(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
		assertThat(again).as("the page reconnected").isNotNull();
		assertThat(again.storeId()).isEqualTo(first.storeId());
		page.waitForCondition(() -> opened.size() == 2); // Playwright hands over its events while it is called
		assertThat(opened.get(0).isClosed()).isTrue();
		assertThat(opened.get(1).url()).contains("access_token=");
		assertThat(page.locator("#live-status")).hasText("Live");
	}

	/**
	 * Plays the Shopify admin around the page: App Bridge (from Shopify's CDN, which no network here reaches) hands
	 * out a fresh session token of the shop on every call, as the real one does once its token nears its end.
	 */
	private List<WebSocket> embedded(Page page) {
		page.exposeFunction("freshSessionToken", (args) -> this.admin.idToken(this.shop));
		page.route("https://cdn.shopify.com/**", (route) -> route.fulfill(new Route.FulfillOptions()
			.setContentType("text/javascript")
			.setBody("window.shopify = { idToken: async () => window.freshSessionToken() };")));
		List<WebSocket> opened = new CopyOnWriteArrayList<>();
		page.onWebSocket(opened::add);
		return opened;
	}

	private String storePage(String idToken) {
		return "http://localhost:" + this.port + "/?embedded=1&shop=" + this.shop + "&host=YWRtaW4&id_token=" + idToken;
	}

}
