package com.metricsdash.shopify;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Workers default to one per processor: more made smaller batches on cores the intake and the reads also want. Applied
 * deliveries are kept at least as long as the intake takes a repeat of them in.
 */
class WebhookPropertiesTests {

	@Test
	void workersDefaultToOnePerProcessor() {
		assertThat(properties(null).workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
	}

	@Test
	void workersSetAreKept() {
		assertThat(properties(3).workers()).isEqualTo(3);
	}

	/**
	 * An applied delivery's row recognises a repeat of it until retention deletes it; after that only the intake's
	 * refusal of old trigger times does, so the row must outlive that window.
	 */
	@Test
	void appliedDeliveriesAreKeptAtLeastAsLongAsARepeatOfThemIsTakenIn() {
		assertThat(properties(Duration.ofDays(2), Duration.ofDays(2), null).keepProcessed()).isEqualTo(Duration.ofDays(2));
		assertThatThrownBy(() -> properties(Duration.ofDays(2), Duration.ofDays(1), null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("keep-processed")
			.hasMessageContaining("triggered-within");
	}

	private static WebhookProperties properties(Integer workers) {
		return properties(Duration.ofDays(2), Duration.ofDays(7), workers);
	}

	private static WebhookProperties properties(Duration triggeredWithin, Duration keepProcessed, Integer workers) {
		return new WebhookProperties(DataSize.ofMegabytes(2), triggeredWithin, keepProcessed, Duration.ofDays(30),
				Duration.ofHours(1), 32, Duration.ofSeconds(1), workers, 250);
	}

}
