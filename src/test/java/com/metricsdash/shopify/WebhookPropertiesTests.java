package com.metricsdash.shopify;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** Workers default to one per processor: more made smaller batches on cores the intake and the reads also want. */
class WebhookPropertiesTests {

	@Test
	void workersDefaultToOnePerProcessor() {
		assertThat(properties(null).workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
	}

	@Test
	void workersSetAreKept() {
		assertThat(properties(3).workers()).isEqualTo(3);
	}

	private static WebhookProperties properties(Integer workers) {
		return new WebhookProperties(DataSize.ofMegabytes(2), Duration.ofDays(2), Duration.ofDays(7),
				Duration.ofDays(30), Duration.ofHours(1), 32, Duration.ofSeconds(1), workers, 250);
	}

}
