package com.metricsdash.alerts;

import java.nio.file.Paths;
import java.util.List;
import java.util.UUID;

import com.metricsdash.inventory.StockLevels;
import com.metricsdash.inventory.VariantStock;
import com.metricsdash.simulator.SimulatorCatalog;
import com.metricsdash.testing.BrowserTest;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.Merchant;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

@BrowserTest
class AlertSettingsBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	AlertSettingsRepository settings;

	@Autowired
	StockLevels stock;

	@Test
	void theAlertSettingsWorkFromTheKeyboardAndSayWhichFieldIsWrong(Page page) {
		Merchant merchant = new Merchant(this.port);
		String shop = new SimulatorCatalog(this.context).demoShop("alert-settings-page");
		UUID storeId = Installs.installAndSync(this.context, merchant, shop);
		VariantStock variant = this.stock.stock(storeId).get(1);
		String[] session = merchant.cookieHeader().split("=", 2);
		page.context()
			.addCookies(List.of(new Cookie(session[0], session[1]).setDomain("localhost").setPath("/").setHttpOnly(true)));
		page.navigate("http://localhost:" + this.port + "/settings");
		assertThat(page.locator("#alert-default-lowStockThreshold")).hasValue("10");
		page.evaluate("window.sameDocument = true");

		// a horizon of 0 days is refused, next to the field, and the field takes the focus
		tabTo(page, "#alert-default-stockoutHorizonDays");
		page.keyboard().press("ControlOrMeta+A");
		page.keyboard().type("0");
		page.keyboard().press("Enter");
		assertThat(page.locator("#alert-default-stockoutHorizonDays-error"))
			.hasText("Stockout horizon must be a whole number of days from 1 to 365.");
		assertThat(page.locator("#alert-default-stockoutHorizonDays")).hasAttribute("aria-invalid", "true");
		assertThat(page.locator("#alert-default-stockoutHorizonDays")).hasAttribute("aria-describedby",
				"alert-default-stockoutHorizonDays-hint alert-default-stockoutHorizonDays-error");
		assertThat(page.locator("#alert-default-stockoutHorizonDays")).isFocused();
		assertThat(this.settings.defaults(storeId)).as("nothing saved").isEqualTo(AlertSettings.DEFAULTS);

		page.keyboard().press("ControlOrMeta+A");
		page.keyboard().type("21");
		page.keyboard().press("Enter");
		assertThat(page.locator("#alert-defaults .settings-saved")).containsText("Saved.");
		assertThat(page.locator("#alert-defaults [aria-invalid]")).hasCount(0);
		assertThat(this.settings.defaults(storeId).horizonDays()).isEqualTo(21);

		// a variant picked from the searched list, excluded from alerts from the keyboard
		tabTo(page, "#variant-search");
		page.keyboard().type(variant.sku());
		assertThat(page.locator("#variant-results .variant-choice")).hasCount(1);
		tabTo(page, "#variant-results .variant-choice");
		page.keyboard().press("Enter");
		assertThat(page.locator("#alert-variant-title")).containsText(variant.productTitle());
		assertThat(page.locator("#alert-variant-lowStockThreshold")).isFocused();
		tabTo(page, "#alert-variant-excluded");
		page.keyboard().press("Space");
		tabTo(page, "#alert-variant button[type=submit]");
		page.keyboard().press("Enter");
		assertThat(page.locator("#alert-variant .settings-saved")).containsText("Saved.");
		assertThat(this.settings.variant(storeId, variant.variantId())).hasValueSatisfying(
				(own) -> assertThat(own.excluded()).isTrue());
		assertThat(page.evaluate("window.sameDocument")).as("all without a reload").isEqualTo(true);
		page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/settings.png"))
			.setFullPage(true));
	}

	/** Presses Tab from wherever the focus is until it reaches the element, as a keyboard user would. */
	private static void tabTo(Page page, String selector) {
		for (int presses = 0; presses < 60 && !focused(page, selector); presses++) {
			page.keyboard().press("Tab");
		}
		assertThat(focused(page, selector)).as("Tab reaches %s", selector).isTrue();
	}

	private static boolean focused(Page page, String selector) {
		return (Boolean) page.evaluate("(selector) => document.activeElement?.matches(selector) ?? false", selector);
	}

}
