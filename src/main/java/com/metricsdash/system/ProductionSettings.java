package com.metricsdash.system;

import java.net.URI;
import java.util.Base64;
import java.util.function.Predicate;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start the {@code prod} profile when a setting it cannot run without is missing or malformed, before any
 * connection is attempted, so the operator reads one line naming the variable instead of a stack trace.
 */
class ProductionSettings implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.matchesProfiles("prod")) {
			return;
		}
		require(environment, "metricsdash.master-key", "METRICSDASH_MASTER_KEY", ProductionSettings::isKey,
				"must be the base64 of 32 random bytes (e.g. `openssl rand -base64 32`)");
		require(environment, "metricsdash.shopify.api-key", "SHOPIFY_API_KEY", ProductionSettings::isToken,
				"must be the app's client id from the Shopify Partner dashboard");
		require(environment, "metricsdash.shopify.api-secret", "SHOPIFY_API_SECRET", ProductionSettings::isToken,
				"must be the app's client secret from the Shopify Partner dashboard");
		require(environment, "metricsdash.app-url", "METRICSDASH_APP_URL", ProductionSettings::isHttpsBaseUrl,
				"must be the app's public https base URL, e.g. https://metricsdash.example.com");
	}

	private static void require(ConfigurableEnvironment environment, String property, String variable,
			Predicate<String> valid, String expectation) {
		String value = environment.getProperty(property, "").strip();
		if (value.isEmpty()) {
			throw new InvalidSettingException(variable, "is missing: it " + expectation + ".");
		}
		if (!valid.test(value)) {
			throw new InvalidSettingException(variable, "is malformed: it " + expectation + ".");
		}
	}

	static boolean isKey(String value) {
		try {
			return Base64.getDecoder().decode(value).length == 32;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static boolean isToken(String value) {
		return value.chars().noneMatch(Character::isWhitespace);
	}

	private static boolean isHttpsBaseUrl(String value) {
		try {
			URI uri = new URI(value);
			return "https".equals(uri.getScheme()) && uri.getHost() != null && uri.getQuery() == null
					&& uri.getFragment() == null && uri.getUserInfo() == null;
		}
		catch (java.net.URISyntaxException ex) {
			return false;
		}
	}

}
