package com.metricsdash.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import com.metricsdash.system.RateLimits.Exceeded;
import com.metricsdash.system.RateLimits.Limit;
import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The fixed window against the shared Redis, and what happens without Redis. */
@IntegrationTest
class RateLimitsTests {

	private static final LimitProperties THREE_EVERY_TWO_SECONDS = new LimitProperties(Duration.ofSeconds(2), 3, 3, 3,
			3);

	@Autowired
	StringRedisTemplate redis;

	@Test
	void aSubjectGetsItsLimitInAWindowThenIsToldHowLongUntilTheWindowEnds() {
		RateLimits limits = new RateLimits(this.redis, THREE_EVERY_TWO_SECONDS);
		String subject = UUID.randomUUID().toString();
		for (int i = 0; i < 3; i++) {
			assertThat(limits.hit(Limit.API, subject)).isEmpty();
		}

		Exceeded exceeded = limits.hit(Limit.API, subject).orElseThrow();

		assertThat(exceeded.allowed()).isEqualTo(3);
		assertThat(exceeded.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));
		assertThat(exceeded.retryAfterSeconds()).isBetween(1L, 2L);
		assertThat(limits.hit(Limit.API, UUID.randomUUID().toString())).as("another subject").isEmpty();
		assertThat(limits.hit(Limit.WEBHOOKS, subject)).as("another limit of the same subject").isEmpty();
		await().atMost(Duration.ofSeconds(4)).until(() -> limits.hit(Limit.API, subject).isEmpty());
	}

	@Test
	void everyInstanceCountsInTheSameWindow() {
		RateLimits one = new RateLimits(this.redis, THREE_EVERY_TWO_SECONDS);
		RateLimits another = new RateLimits(this.redis, THREE_EVERY_TWO_SECONDS);
		String subject = UUID.randomUUID().toString();

		assertThat(one.hit(Limit.HANDSHAKES, subject)).isEmpty();
		assertThat(another.hit(Limit.HANDSHAKES, subject)).isEmpty();
		assertThat(one.hit(Limit.HANDSHAKES, subject)).isEmpty();

		assertThat(another.hit(Limit.HANDSHAKES, subject)).isPresent();
	}

	@Test
	void withoutRedisEveryRequestIsAllowedSoThatNoWebhookIsLost() throws IOException {
		LettuceConnectionFactory unreachable = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", closedPort()));
		unreachable.afterPropertiesSet();
		unreachable.start();
		try {
			RateLimits limits = new RateLimits(new StringRedisTemplate(unreachable), THREE_EVERY_TWO_SECONDS);
			for (int i = 0; i < 5; i++) {
				assertThat(limits.hit(Limit.WEBHOOKS, "down.myshopify.com")).isEmpty();
			}
		}
		finally {
			unreachable.destroy();
		}
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
