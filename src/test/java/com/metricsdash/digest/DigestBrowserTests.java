package com.metricsdash.digest;

import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.metricsdash.alerts.OpenAlerts;
import com.metricsdash.local.CapturedMail;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.simulator.SimulatorCatalog;
import com.metricsdash.testing.BrowserTest;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.Merchant;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The digest as a person reads it: its HTML part rendered by a browser, and the alert's link followed from it by a
 * signed-in owner to the alert on the alerts page.
 */
@BrowserTest
class DigestBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	DigestRepository digests;

	@Autowired
	DigestRun run;

	@Autowired
	OpenAlerts alerts;

	@Autowired
	Stores stores;

	@Test
	void theDigestReadsWellAndItsAlertLinkOpensTheAlertForItsOwner(Page page) throws Exception {
		SimulatorCatalog catalog = new SimulatorCatalog(this.context);
		Merchant merchant = new Merchant(this.port);
		String shop = catalog.demoShop("digest-browser");
		UUID storeId = Installs.installAndSync(this.context, merchant, shop);
		StoreRef store = this.stores.installed(storeId).orElseThrow();
		catalog.setStock(shop, catalog.variantIds(shop).get(1), 0);
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.alerts.open(store, Instant.now()).isEmpty());
		String email = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		this.digests.confirm(this.digests.add(storeId, email).orElseThrow().id(), Instant.now());

		this.run.run(DigestSchedule.DEFAULT.lastSlot(Instant.now().plus(Duration.ofDays(2)), store.zone())
			.orElseThrow()
			.plusSeconds(60));

		List<MimeMessage> mails = CapturedMail.to(this.context, email);
		assertThat(mails).hasSize(1);
		page.setViewportSize(640, 900);
		page.setContent(html(mails.get(0)));
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).isVisible();
		assertThat(page.locator("script")).hasCount(0);
		assertThat(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
			.as("no sideways scrolling at 640 px").isEqualTo(true);
		page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/digest.png")).setFullPage(true));

		Locator open = page.locator("a[href*='/digest/open']").first();
		String[] session = merchant.cookieHeader().split("=", 2);
		page.context()
			.addCookies(List.of(new Cookie(session[0], session[1]).setDomain("localhost").setPath("/").setHttpOnly(true)));
		open.click();

		page.waitForURL(Pattern.compile(".*/alerts\\?status=active#alert-[0-9a-f-]+"));
		String target = page.url().substring(page.url().indexOf('#') + 1);
		assertThat(page.locator("#" + target)).hasAttribute("data-status", "active");
		assertThat(page.locator("#" + target + ":target")).hasCount(1);
	}

	private static String html(MimeMessage mail) throws Exception {
		MimeMultipart parts = (MimeMultipart) mail.getContent();
		for (int i = 0; i < parts.getCount(); i++) {
			BodyPart part = parts.getBodyPart(i);
			if (part.getContentType().startsWith("text/html")) {
				return part.getContent().toString();
			}
		}
		throw new AssertionError("The digest has no HTML part");
	}

}
