package com.metricsdash.shop;

import java.nio.file.Path;
import java.time.Duration;

import com.metricsdash.testing.BrowserTest;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

@BrowserTest
class InstallBrowserTests {

	private static final Logger logger = LoggerFactory.getLogger(InstallBrowserTests.class);

	@LocalServerPort
	int port;

	@Test
	void aMerchantInstallsTheDemoStoreThroughTheConsentPageAndLandsOnTheApp(Page page) {
		long started = System.nanoTime();
		page.navigate("http://localhost:" + this.port + "/");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Try the demo store")).click();

		assertThat(page.locator("h1")).containsText("Install MetricsDash on Demo Store");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Install app")).click();

		assertThat(page.locator("h1")).hasText("Demo Store");
		assertThat(page.locator(".facts")).containsText("America/New_York");
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		logger.info("Demo store installed through the consent page in {} ms", took.toMillis());
		assertThat(took).isLessThan(Duration.ofSeconds(60));
		page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/installed.png")).setFullPage(true));
	}

	@Test
	void theConnectPageTellsAWrongAddressApartAsTheMerchantTypes(Page page) {
		page.navigate("http://localhost:" + this.port + "/");
		page.getByLabel("Store address").fill("evil.com");
		assertThat(page.locator("#shop-hint")).containsText("not a Shopify store address");

		page.getByLabel("Store address").fill("my-shop.myshopify.com");
		assertThat(page.locator("#shop-hint")).hasText("Looks right.");
	}

	@Test
	void submittingAWrongAddressExplainsWhatIsExpected(Page page) {
		page.navigate("http://localhost:" + this.port + "/auth?shop=evil.com");

		assertThat(page.getByRole(AriaRole.ALERT)).containsText("That is not a Shopify store address");
		page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/connect-error.png")));
	}

}
