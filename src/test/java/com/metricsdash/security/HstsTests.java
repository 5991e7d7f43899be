package com.metricsdash.security;

import java.io.IOException;
import java.time.Duration;

import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** HSTS as {@code prod} configures it, on every response, though this test's requests come over plain http. */
@IntegrationTest
@TestPropertySource(properties = "metricsdash.hsts.max-age=365d")
class HstsTests {

	@LocalServerPort
	int port;

	@Test
	void prodTellsBrowsersToUseHttpsOnlyForAYear() throws IOException {
		String maxAge = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application-prod.properties"))
			.getProperty("metricsdash.hsts.max-age");
		assertThat(DurationStyle.detectAndParse(maxAge)).isGreaterThanOrEqualTo(Duration.ofDays(365));
	}

	@Test
	void everyPageAndApiResponseCarriesStrictTransportSecurity() {
		Merchant merchant = new Merchant(this.port);
		assertThat(merchant.get("/").headers().firstValue("Strict-Transport-Security"))
			.hasValue("max-age=31536000 ; includeSubDomains");
		assertThat(merchant.getJson("/api/stores").headers().firstValue("Strict-Transport-Security"))
			.hasValue("max-age=31536000 ; includeSubDomains");
	}

}
