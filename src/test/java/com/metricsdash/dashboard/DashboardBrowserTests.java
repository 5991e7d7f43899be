package com.metricsdash.dashboard;

import java.nio.file.Paths;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.metricsdash.simulator.SimulatorOrders;
import com.metricsdash.testing.BrowserTest;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.Merchant;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static com.metricsdash.testing.Keyboard.focused;
import static com.metricsdash.testing.Keyboard.tabTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

@BrowserTest
class DashboardBrowserTests {

	private static final Logger logger = LoggerFactory.getLogger(DashboardBrowserTests.class);

	/** The position and size of every card and the chart, rounded to whole pixels. */
	private static final String CARD_BOXES = """
			[...document.querySelectorAll('#dashboard [data-figure], #dashboard .chart')].map((element) => {
			  const box = element.getBoundingClientRect();
			  return [box.x, box.y, box.width, box.height].map(Math.round).join(',');
			})""";

	/**
	 * The text of the dashboard and of its live state whose contrast with the first opaque background behind it is
	 * under 4.5:1, by WCAG's relative luminance.
	 */
	private static final String POOR_CONTRAST = """
			(() => {
			  const rgb = (colour) => colour.match(/[\\d.]+/g).map(Number);
			  const luminance = ([r, g, b]) => {
			    const channel = (value) => {
			      const c = value / 255;
			      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
			    };
			    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
			  };
			  const background = (element) => {
			    for (let at = element; at; at = at.parentElement) {
			      const colour = rgb(getComputedStyle(at).backgroundColor);
			      if (colour.length < 4 || colour[3] === 1) {
			        return colour.slice(0, 3);
			      }
			    }
			    return [255, 255, 255];
			  };
			  const texts = [...document.querySelectorAll('#dashboard *, #live-status, #live-updated')]
			    .filter((element) => element.offsetParent !== null && [...element.childNodes]
			      .some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim()))
			    .filter((element) => !element.closest('svg'));
			  return texts.filter((element) => {
			    const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(background(element))];
			    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) < 4.5;
			  }).map((element) => element.className + ': ' + element.textContent.trim());
			})()""";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	SettingsRepository settings;

	SimulatorOrders simulator;

	@Test
	void anOrderPlacedInTheShopChangesTheOpenDashboardWithoutAReload(Page page) {
		Installed store = install("dashboard-page", 3, 20);

		openStorePage(page, store);
		assertThat(page.locator("#live-status")).hasAttribute("data-state", "live");
		Locator orders = page.locator("#dashboard [data-figure=orders] .figure-value");
		assertThat(orders).isVisible();
		assertThat(page.locator("#dashboard svg[role=img]")).hasAttribute("aria-label",
				Pattern.compile("Cumulative revenue by hour: .+ today"));
		assertThat(page.locator("#live-updated")).containsText("updated");
		String before = orders.textContent();
		page.evaluate("window.sameDocument = true");

		long placed = System.nanoTime();
		this.simulator.placeOrder(store.shop(), new Random(7));
		assertThat(orders).not()
			.hasText(before, new LocatorAssertions.HasTextOptions().setTimeout(Duration.ofSeconds(10).toMillis()));
		logger.info("The Orders card went from {} to {} {} ms after the order was placed", before, orders.textContent(),
				Duration.ofNanos(System.nanoTime() - placed).toMillis());

		assertThat(Integer.parseInt(orders.textContent().replace(",", "")))
			.isEqualTo(Integer.parseInt(before.replace(",", "")) + 1);
		assertThat(page.evaluate("window.sameDocument")).as("updated without a reload").isEqualTo(true);
		assertThat(page.locator("#dashboard")).not().hasAttribute("data-stale", "");
		page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/dashboard.png")).setFullPage(true));
	}

	@Test
	void withoutItsSocketThePagePollsAndSaysSoUntilTheSocketWorksAgain(Page page) {
		Installed store = install("dashboard-polling", 3, 20);
		AtomicBoolean socketWorks = new AtomicBoolean();
		List<String> framesAfterReconnect = new CopyOnWriteArrayList<>();
		page.routeWebSocket(Pattern.compile(".*/ws/stores/.*"), (socket) -> {
			if (!socketWorks.get()) {
				// what a page sees of a socket it cannot open: an abnormal closure (1006), never an open socket
				socket.close(new WebSocketRoute.CloseOptions().setCode(1006).setReason("unreachable"));
				return;
			}
			WebSocketRoute server = socket.connectToServer();
			server.onMessage((frame) -> {
				framesAfterReconnect.add(frame.text());
				socket.send(frame.text());
			});
		});
		AtomicInteger cardRequests = new AtomicInteger();
		page.onRequest((request) -> {
			if (request.url().endsWith("/dashboard/cards")) {
				cardRequests.incrementAndGet();
			}
		});

		openStorePage(page, store);
		Locator status = page.locator("#live-status");
		Locator orders = page.locator("#dashboard [data-figure=orders] .figure-value");
		assertThat(status).hasText("Reconnecting");
		assertThat(status).hasText("Polling every 2 s", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
		assertThat(orders).isVisible();
		int before = count(orders);
		page.evaluate("window.sameDocument = true");

		this.simulator.placeOrder(store.shop(), new Random(11));
		assertThat(orders).hasText(String.valueOf(before + 1),
				new LocatorAssertions.HasTextOptions().setTimeout(15_000));
		assertThat(cardRequests.get()).as("the page's first load, then polls").isGreaterThan(1);
		assertThat(status).hasText("Polling every 2 s");
		page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/dashboard-polling.png")));

		socketWorks.set(true);
		assertThat(status).hasText("Live", new LocatorAssertions.HasTextOptions().setTimeout(10_000));
		page.waitForCondition(() -> framesAfterReconnect.stream().anyMatch((frame) -> frame.contains("id=\"dashboard\"")));
		assertThat(framesAfterReconnect).as("fresh figures pushed to the reopened socket")
			.filteredOn((frame) -> frame.contains("id=\"dashboard\""))
			.first()
			.asString()
			.contains("id=\"dashboard\"")
			.contains("hx-swap-oob=\"true\"")
			.contains("data-figure=\"orders\"");
		int requestsWhenLive = cardRequests.get();
		page.waitForTimeout(3 * 2_000 + 500);
		assertThat(cardRequests.get()).as("no polls while live").isEqualTo(requestsWhenLive);
		assertThat(page.locator("body")).not().hasAttribute("data-polling", "");
		assertThat(page.evaluate("window.sameDocument")).as("all without a reload").isEqualTo(true);
	}

	@Test
	void theSettingsFormWorksFromTheKeyboardAndSaysWhyItWillNotHideEverything(Page page) {
		Installed store = install("dashboard-settings", 8, 10);
		openPage(page, store, "/settings");
		assertThat(page.locator("#settings-comparison")).isVisible();
		page.evaluate("window.sameDocument = true");

		tabTo(page, "#settings-comparison");
		page.keyboard().press("ArrowDown");
		assertThat(page.locator("#settings-comparison")).hasValue("last_week");
		tabTo(page, "#settings button[type=submit]");
		page.keyboard().press("Enter");

		assertThat(page.locator("#settings .settings-saved")).hasText("Saved");
		DashboardSettings saved = this.settings.of(store.id());
		assertThat(saved.comparison()).isEqualTo(Comparison.LAST_WEEK);

		tabTo(page, "#settings input[type=checkbox]");
		while (!focused(page, "#settings button[type=submit]")) {
			if (focused(page, "#settings input[type=checkbox]:checked")) {
				page.keyboard().press("Space");
			}
			page.keyboard().press("Tab");
		}
		assertThat(page.locator("#settings input[type=checkbox]:checked")).hasCount(0);
		page.keyboard().press("Space");

		assertThat(page.locator("#settings-error")).hasText("Keep at least one figure or the chart visible.");
		assertThat(page.locator("#settings form")).hasAttribute("aria-describedby", "settings-error");
		assertThat(this.settings.of(store.id())).as("nothing saved").isEqualTo(saved);
		assertThat(page.evaluate("window.sameDocument")).as("all without a reload").isEqualTo(true);

		openPage(page, store, "/");
		assertThat(page.locator("#dashboard-title")).hasText("Today so far, against last week");
		assertThat(page.locator("#dashboard [data-figure=orders] .figure-note").first()).containsText("last week");
	}

	@Test
	void liveUpdatesChangeTheFiguresWithoutMovingAnything(Page page) {
		Installed store = install("dashboard-still", 3, 20);
		openStorePage(page, store);
		assertThat(page.locator("#live-status")).hasAttribute("data-state", "live");
		Locator orders = page.locator("#dashboard [data-figure=orders] .figure-value");
		assertThat(orders).isVisible();
		// a card that comes rightly: the shop's sessions, imported after the sync and pushed at once, give conversion
		assertThat(page.locator("#dashboard [data-figure=conversion]")).isVisible();
		// Chromium's Layout Instability API: every unexpected move of a visible element from here on
		page.evaluate("""
				window.shifts = [];
				new PerformanceObserver((list) => window.shifts.push(...list.getEntries().map((entry) => entry.value)))
				  .observe({ type: 'layout-shift' });""");
		Object boxesBefore = page.evaluate(CARD_BOXES);
		String before = orders.textContent();

		this.simulator.placeOrder(store.shop(), new Random(11));
		assertThat(orders).not()
			.hasText(before, new LocatorAssertions.HasTextOptions().setTimeout(Duration.ofSeconds(10).toMillis()));
		page.waitForTimeout(500);

		assertThat(page.evaluate(CARD_BOXES)).as("where the cards and the chart are").isEqualTo(boxesBefore);
		assertThat((List<?>) page.evaluate("window.shifts")).as("layout shifts while the update arrived").isEmpty();
	}

	@Test
	void onAPhoneTheDashboardFitsTheScreenAndItsTextIsReadable(Page page) {
		Installed store = install("dashboard-phone", 3, 20);
		page.setViewportSize(390, 844);
		openStorePage(page, store);
		assertThat(page.locator("#dashboard [data-figure=orders] .figure-value")).isVisible();
		assertThat(page.locator("#dashboard svg[role=img]")).isVisible();

		assertThat(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
			.as("no sideways scrolling").isEqualTo(true);
		assertThat(page.evaluate("""
				[...document.querySelectorAll('#dashboard [data-figure], #dashboard .chart')]
				  .map((element) => element.getBoundingClientRect())
				  .every((box) => box.left >= 0 && box.right <= window.innerWidth)""")).as("every card on screen")
			.isEqualTo(true);
		// WCAG AA: 4.5:1 for every piece of text of the dashboard and its live state, against what is behind it
		@SuppressWarnings("unchecked")
		List<String> poor = (List<String>) page.evaluate(POOR_CONTRAST);
		assertThat(poor).as("text under 4.5:1 contrast").isEmpty();
		page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/dashboard-phone.png"))
			.setFullPage(true));
	}

	@BeforeEach
	void simulator() {
		this.simulator = new SimulatorOrders(this.context);
	}

	/** A New York shop with that many days of orders in the simulator, installed, synced and signed in. */
	private Installed install(String prefix, int days, int ordersPerDay) {
		Merchant merchant = new Merchant(this.port);
		String shop = this.simulator.newShop(prefix, ZoneId.of("America/New_York"), days, ordersPerDay);
		return new Installed(merchant, shop, Installs.installAndSync(this.context, merchant, shop));
	}

	private void openStorePage(Page page, Installed store) {
		openPage(page, store, "/");
	}

	private void openPage(Page page, Installed store, String path) {
		String[] session = store.merchant().cookieHeader().split("=", 2);
		page.context()
			.addCookies(List.of(new Cookie(session[0], session[1]).setDomain("localhost").setPath("/").setHttpOnly(true)));
		page.navigate("http://localhost:" + this.port + path);
	}

	private static int count(Locator figure) {
		return Integer.parseInt(figure.textContent().replace(",", ""));
	}

	private record Installed(Merchant merchant, String shop, UUID id) {
	}

}
