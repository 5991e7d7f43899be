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
import org.springframework.data.redis.core.RedisCallback;
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

	@Autowired
	LettuceConnectionFactory redisConnections;

	@Test
	void aSubjectGetsItsLimitInAWindowThenIsToldHowLongUntilTheWindowEnds() {
		RateLimits limits = new RateLimits(this.redisConnections, THREE_EVERY_TWO_SECONDS);
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
		RateLimits one = new RateLimits(this.redisConnections, THREE_EVERY_TWO_SECONDS);
		RateLimits another = new RateLimits(this.redisConnections, THREE_EVERY_TWO_SECONDS);
		String subject = UUID.randomUUID().toString();

		assertThat(one.hit(Limit.HANDSHAKES, subject)).isEmpty();
		assertThat(another.hit(Limit.HANDSHAKES, subject)).isEmpty();
		assertThat(one.hit(Limit.HANDSHAKES, subject)).isEmpty();

		assertThat(another.hit(Limit.HANDSHAKES, subject)).isPresent();
	}

	@Test
	void aLargeLimitIsCountedAheadAndAllInstancesTogetherAllowNoMore() {
		LimitProperties threeThousand = new LimitProperties(Duration.ofMinutes(1), 3, 3, 3_000, 3);
		RateLimits one = new RateLimits(this.redisConnections, threeThousand);
		RateLimits another = new RateLimits(this.redisConnections, threeThousand);
		String shop = UUID.randomUUID() + ".myshopify.com";
		String key = "metricsdash:limit:webhooks:" + shop;

		for (int i = 0; i < 10; i++) {
			assertThat(one.hit(Limit.WEBHOOKS, shop)).isEmpty();
		}
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.redis.opsForValue().get(key)).as("all counted in Redis").isEqualTo("10"));

		int allowed = 10;
		for (int i = 0; i < 4_000; i++) {
			RateLimits instance = (i % 2 == 0) ? one : another;
			if (instance.hit(Limit.WEBHOOKS, shop).isEmpty()) {
				allowed++;
			}
		}
		assertThat(allowed).as("hits allowed by both instances in the window").isEqualTo(3_000);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Long.parseLong(
				this.redis.opsForValue().get(key))).as("every allowed hit counted").isGreaterThanOrEqualTo(3_000));
		Exceeded exceeded = another.hit(Limit.WEBHOOKS, shop).orElseThrow();
		assertThat(exceeded.allowed()).isEqualTo(3_000);
		assertThat(exceeded.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void aSubjectKnownToBeOverItsLargeLimitIsRefusedWithoutAskingRedis() {
		LimitProperties hundred = new LimitProperties(Duration.ofMinutes(1), 3, 100, 3, 3);
		RateLimits limits = new RateLimits(this.redisConnections, hundred);
		String token = UUID.randomUUID().toString();
		String key = "metricsdash:limit:api:" + token;
		int allowed = 0;
		for (int i = 0; i < 150; i++) {
			if (limits.hit(Limit.API, token).isEmpty()) {
				allowed++;
			}
		}

		assertThat(allowed).isEqualTo(100);
		assertThat(this.redis.opsForValue().get(key)).as("the refused hits never sent").isEqualTo("100");
	}

	@Test
	void aScriptRedisNoLongerHoldsIsSentAgain() {
		RateLimits limits = new RateLimits(this.redisConnections, THREE_EVERY_TWO_SECONDS);
		String subject = UUID.randomUUID().toString();
		assertThat(limits.hit(Limit.AUTH, subject)).isEmpty();

		this.redis.execute((RedisCallback<String>) (connection) -> {
			connection.scriptingCommands().scriptFlush();
			return null;
		});

		assertThat(limits.hit(Limit.AUTH, subject)).isEmpty();
		assertThat(this.redis.opsForValue().get("metricsdash:limit:auth:" + subject)).isEqualTo("2");
	}

	@Test
	void withoutRedisEveryRequestIsAllowedSoThatNoWebhookIsLost() throws IOException {
		LettuceConnectionFactory unreachable = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", closedPort()));
		unreachable.afterPropertiesSet();
		unreachable.start();
		try {
			RateLimits limits = new RateLimits(unreachable, THREE_EVERY_TWO_SECONDS);
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
