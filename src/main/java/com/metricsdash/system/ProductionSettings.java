package com.metricsdash.system;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Predicate;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start with settings the app cannot run safely with, before any connection is attempted, so the operator
 * reads one line naming the variable instead of a stack trace. In every profile that is a Shopify secret too short to
 * verify session tokens: HS256 needs a key of at least 32 bytes, and without this check every token would fail later
 * with a bare 401 that says nothing of the cause. In {@code prod} it is also any setting that is missing or malformed,
 * and anything that only the {@code local} profile may have: its public secret, a guessable operator password, the
 * Shopify simulator (with it anyone could install made-up shops and sign their tokens and webhooks).
 */
class ProductionSettings implements EnvironmentPostProcessor {

	/** The secret {@code application-local.properties} gives every developer; it signs nothing in production. */
	static final String LOCAL_SECRET = "metricsdash-local-secret-0123456789abcdef";

	/** The shortest HS256 key (RFC 7518, 3.2): Shopify's client secrets are 38 characters. */
	static final int MIN_SECRET_BYTES = 32;

	/** The shortest operator password {@code prod} accepts: guessing 16 random characters over HTTP is hopeless. */
	static final int MIN_OPERATOR_PASSWORD_LENGTH = 16;

	private static final String SECRET_EXPECTATION = "must be the app's client secret from the Shopify Partner dashboard";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String secret = environment.getProperty("metricsdash.shopify.api-secret", "").strip();
		if (!secret.isEmpty() && !isLongEnough(secret)) {
			throw new InvalidSettingException("SHOPIFY_API_SECRET", "is too short: it is "
					+ secret.getBytes(StandardCharsets.UTF_8).length + " bytes, and session tokens are signed with it "
					+ "(HS256), which needs at least " + MIN_SECRET_BYTES + " bytes, so every one would be refused. It "
					+ SECRET_EXPECTATION + " (38 characters).");
		}
		if (!environment.matchesProfiles("prod")) {
			return;
		}
		require(environment, "metricsdash.master-key", "METRICSDASH_MASTER_KEY", ProductionSettings::isKey,
				"must be the base64 of 32 random bytes (e.g. `openssl rand -base64 32`)");
		require(environment, "metricsdash.shopify.api-key", "SHOPIFY_API_KEY", ProductionSettings::isToken,
				"must be the app's client id from the Shopify Partner dashboard");
		require(environment, "metricsdash.shopify.api-secret", "SHOPIFY_API_SECRET", ProductionSettings::isToken,
				SECRET_EXPECTATION);
		require(environment, "metricsdash.app-url", "METRICSDASH_APP_URL", ProductionSettings::isHttpsBaseUrl,
				"must be the app's public https base URL, e.g. https://metricsdash.example.com");
		if (secret.equals(LOCAL_SECRET)) {
			throw new InvalidSettingException("SHOPIFY_API_SECRET", "is the local profile's public secret, with which "
					+ "anyone can forge session tokens and webhooks: it " + SECRET_EXPECTATION + ".");
		}
		String password = environment.getProperty("metricsdash.operator.password", "");
		if (!password.isBlank() && password.length() < MIN_OPERATOR_PASSWORD_LENGTH) {
			throw new InvalidSettingException("METRICSDASH_OPERATOR_PASSWORD", "is too weak: it must be at least "
					+ MIN_OPERATOR_PASSWORD_LENGTH + " random characters (e.g. `openssl rand -base64 24`), or unset "
					+ "to close the operator pages and metrics.");
		}
		if (environment.getProperty("metricsdash.simulator.enabled", Boolean.class, false)) {
			throw new InvalidSettingException("METRICSDASH_SIMULATOR_ENABLED", "is true, and the Shopify simulator "
					+ "lets anyone install made-up shops and sign their tokens and webhooks: it must be unset (or "
					+ "false) in prod.");
		}
	}

	private static boolean isLongEnough(String secret) {
		return secret.getBytes(StandardCharsets.UTF_8).length >= MIN_SECRET_BYTES;
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
