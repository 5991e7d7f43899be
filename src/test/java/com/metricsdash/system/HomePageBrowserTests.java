package com.metricsdash.system;

import java.nio.file.Path;

import com.metricsdash.testing.BrowserTest;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

@BrowserTest
class HomePageBrowserTests {

	@LocalServerPort
	int port;

	@Test
	void homePageLoadsHtmxWhoseWebSocketExtensionSwapsPushedFragments(Page page) {
		// Stand in for the server end of a socket: whatever connects gets one out-of-band fragment.
		page.routeWebSocket("**/ws/probe", (socket) -> socket
			.send("<span id=\"probe\" hx-swap-oob=\"true\">pushed over the socket</span>"));

		page.navigate("http://localhost:" + this.port + "/");

		assertThat(page).hasTitle("MetricsDash");
		assertThat(page.locator("h1")).hasText("Your store, live");
		assertThat(page.evaluate("() => htmx.version").toString()).startsWith("2.");
		page.evaluate("""
				() => {
				  const probe = document.createElement('div');
				  probe.setAttribute('ws-connect', '/ws/probe');
				  probe.innerHTML = '<span id="probe">waiting</span>';
				  document.querySelector('main').append(probe);
				  htmx.process(probe);
				}""");
		assertThat(page.locator("#probe")).hasText("pushed over the socket");

		page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/home.png")).setFullPage(true));
	}

}
