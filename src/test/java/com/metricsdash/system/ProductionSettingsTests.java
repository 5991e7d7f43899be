package com.metricsdash.system;

import java.io.IOException;
import java.util.Base64;
import java.util.Properties;

import com.metricsdash.MetricsDashApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class ProductionSettingsTests {

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	/** As long as a real client secret: 38 characters. */
	private static final String SECRET = "shpss_0123456789abcdef0123456789abcdef";

	@Test
	void prodWithoutItsVariablesStopsWithOneLineNamingTheVariableAndNoStackTrace(CapturedOutput output) {
		assertThatThrownBy(() -> new SpringApplicationBuilder(MetricsDashApplication.class).profiles("prod")
			.run("--metricsdash.master-key=", "--metricsdash.shopify.api-key=", "--metricsdash.shopify.api-secret=",
					"--metricsdash.app-url="))
			.isInstanceOf(InvalidSettingException.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("METRICSDASH_MASTER_KEY is missing: it must be the base64 of 32 random bytes")
			.doesNotContain("\tat ");
	}

	@Test
	void completeSettingsPass() {
		assertThatNoException().isThrownBy(() -> check(prod()));
	}

	@ParameterizedTest(name = "{0}={1} is {2}")
	@CsvSource(delimiter = '|', textBlock = """
			metricsdash.master-key        | ''                        | METRICSDASH_MASTER_KEY is missing
			metricsdash.master-key        | not base64!               | METRICSDASH_MASTER_KEY is malformed
			metricsdash.master-key        | c2hvcnQ=                  | METRICSDASH_MASTER_KEY is malformed
			metricsdash.shopify.api-key   | ''                        | SHOPIFY_API_KEY is missing
			metricsdash.shopify.api-key   | two words                 | SHOPIFY_API_KEY is malformed
			metricsdash.shopify.api-secret| '   '                     | SHOPIFY_API_SECRET is missing
			metricsdash.app-url           | ''                        | METRICSDASH_APP_URL is missing
			metricsdash.app-url           | http://app.example.com    | METRICSDASH_APP_URL is malformed
			metricsdash.app-url           | https://app.example.com?x | METRICSDASH_APP_URL is malformed
			metricsdash.app-url           | app.example.com           | METRICSDASH_APP_URL is malformed
			""")
	void eachRequiredVariableIsNamedWhenMissingOrMalformed(String property, String value, String message) {
		MockEnvironment environment = prod().withProperty(property, value);
		assertThatThrownBy(() -> check(environment)).isInstanceOf(InvalidSettingException.class)
			.hasMessageStartingWith(message);
	}

	@Test
	void otherProfilesAreNotChecked() {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles("local");
		assertThatNoException().isThrownBy(() -> check(environment));
	}

	@Test
	void prodRefusesTheSecretTheLocalProfileGivesEveryone() throws IOException {
		Properties local = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application-local.properties"));
		String localSecret = new MockEnvironment().resolvePlaceholders(local.getProperty("metricsdash.shopify.api-secret"));
		MockEnvironment environment = prod().withProperty("metricsdash.shopify.api-secret", localSecret);
		assertThatThrownBy(() -> check(environment)).isInstanceOf(InvalidSettingException.class)
			.hasMessageStartingWith("SHOPIFY_API_SECRET is the local profile's public secret");
	}

	@ParameterizedTest(name = "METRICSDASH_OPERATOR_PASSWORD={0}")
	@ValueSource(strings = { "operator", "s3cret-but-15ch" })
	void prodRefusesAWeakOperatorPassword(String password) {
		MockEnvironment environment = prod().withProperty("metricsdash.operator.password", password);
		assertThatThrownBy(() -> check(environment)).isInstanceOf(InvalidSettingException.class)
			.hasMessageStartingWith("METRICSDASH_OPERATOR_PASSWORD is too weak");
	}

	@Test
	void prodTakesALongOperatorPasswordOrNoneAtAll() {
		assertThatNoException().isThrownBy(() -> check(prod().withProperty("metricsdash.operator.password", "")));
		assertThatNoException()
			.isThrownBy(() -> check(prod().withProperty("metricsdash.operator.password", "k3Qv9xTz1pLw8sYb")));
	}

	@Test
	void prodRefusesToRunTheSimulator() {
		MockEnvironment environment = prod().withProperty("metricsdash.simulator.enabled", "true");
		assertThatThrownBy(() -> check(environment)).isInstanceOf(InvalidSettingException.class)
			.hasMessageStartingWith("METRICSDASH_SIMULATOR_ENABLED is true");
	}

	@ParameterizedTest(name = "in {0}")
	@ValueSource(strings = { "prod", "local" })
	void aSecretTooShortForSessionTokensIsNamedInEveryProfile(String profile) {
		MockEnvironment environment = prod().withProperty("metricsdash.shopify.api-secret", "shpss_0123456789abcdef");
		environment.setActiveProfiles(profile);
		assertThatThrownBy(() -> check(environment)).isInstanceOf(InvalidSettingException.class)
			.hasMessage("SHOPIFY_API_SECRET is too short: it is 22 bytes, and session tokens are signed with it "
					+ "(HS256), which needs at least 32 bytes, so every one would be refused. It must be the app's "
					+ "client secret from the Shopify Partner dashboard (38 characters).");
	}

	@Test
	void theLocalProfileStopsAtStartWithATooShortSecret(CapturedOutput output) {
		assertThatThrownBy(() -> new SpringApplicationBuilder(MetricsDashApplication.class).profiles("local")
			.run("--metricsdash.shopify.api-secret=too-short", "--metricsdash.local.data-dir=target/local-stack"))
			.isInstanceOf(InvalidSettingException.class);
		assertThat(output).contains("APPLICATION FAILED TO START").contains("SHOPIFY_API_SECRET is too short");
	}

	private static MockEnvironment prod() {
		MockEnvironment environment = new MockEnvironment().withProperty("metricsdash.master-key", KEY)
			.withProperty("metricsdash.shopify.api-key", "0123456789abcdef")
			.withProperty("metricsdash.shopify.api-secret", SECRET)
			.withProperty("metricsdash.app-url", "https://metricsdash.example.com");
		environment.setActiveProfiles("prod");
		return environment;
	}

	private static void check(MockEnvironment environment) {
		new ProductionSettings().postProcessEnvironment(environment, new org.springframework.boot.SpringApplication());
	}

}
