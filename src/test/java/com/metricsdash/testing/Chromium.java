package com.metricsdash.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the machine's own Chromium ({@code /usr/bin/chromium}, or {@code METRICSDASH_CHROMIUM}) through Playwright;
 * no browser is ever downloaded. One browser serves the whole test run; each test gets a fresh context and page.
 * Without Chromium the browser tests are skipped with a message, except in CI ({@code CI=true}), where they fail.
 */
public final class Chromium implements ExecutionCondition, ParameterResolver, AfterEachCallback {

	static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("METRICSDASH_CHROMIUM", "/usr/bin/chromium"));

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Chromium.class);

	private static Browser browser;

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (Files.isExecutable(EXECUTABLE) || "true".equals(System.getenv("CI"))) {
			return ConditionEvaluationResult.enabled("Chromium at " + EXECUTABLE);
		}
		return ConditionEvaluationResult.disabled("Browser tests skipped: no Chromium at " + EXECUTABLE
				+ ". Install it (Debian/Ubuntu: apt-get install chromium) or set METRICSDASH_CHROMIUM to its path.");
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Page.class;
	}

	@Override
	public Page resolveParameter(ParameterContext parameter, ExtensionContext context) {
		BrowserContext browserContext = browser().newContext();
		Page page = browserContext.newPage();
		List<String> errors = new CopyOnWriteArrayList<>();
		page.onConsoleMessage((message) -> {
			if ("error".equals(message.type()) && !errorPageItself(page, message)) {
				errors.add(message.text() + " at " + message.location());
			}
		});
		page.onPageError(errors::add);
		context.getStore(NAMESPACE).put(Session.class, new Session(browserContext, errors));
		return page;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		Session session = context.getStore(NAMESPACE).get(Session.class, Session.class);
		if (session != null) {
			assertThat(session.errors()).as("console errors and uncaught exceptions in the page").isEmpty();
		}
	}

	/**
	 * Chromium logs a document that answered 4xx as a console error; a test that opens an error page on purpose
	 * asserts on its content instead. So does a form that answers invalid input with 400 and says why (the app's
	 * {@code data-swap-errors} forms), whatever page it sits on. A failed script, style or fetch still counts.
	 */
	private static boolean errorPageItself(Page page, ConsoleMessage message) {
		return message.text().startsWith("Failed to load resource")
				&& (message.location().startsWith(page.url()) || message.text().contains("status of 400 "));
	}

	private static synchronized Browser browser() {
		if (browser == null) {
			if (!Files.isExecutable(EXECUTABLE)) {
				throw new IllegalStateException("CI=true but there is no Chromium at " + EXECUTABLE
						+ ": install it (apt-get install chromium) before running the tests.");
			}
			Playwright playwright = Playwright
				.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
			browser = playwright.chromium()
				.launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE)
					.setHeadless(true)
					.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
							"--disable-background-networking", "--disable-component-update", "--disable-sync")));
			Runtime.getRuntime().addShutdownHook(new Thread(playwright::close, "playwright-shutdown"));
		}
		return browser;
	}

	/** One test's browser context, closed by JUnit when the test ends. */
	private record Session(BrowserContext context, List<String> errors) implements AutoCloseable {

		@Override
		public void close() {
			this.context.close();
		}

	}

}
