package com.metricsdash.live;

import java.time.Duration;

import com.metricsdash.testing.Instances;
import com.metricsdash.testing.OwnStack;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance that starts while Redis cannot be reached (a restart during a Redis outage, or a Redis slow to answer on
 * a busy machine) starts all the same, and subscribes to the live channel once Redis answers: Spring's listener
 * container alone would fail the whole start.
 */
class LiveSubscriptionTests {

	@Test
	void anInstanceStartedWhileRedisIsDownSubscribesOnceRedisIsBack() throws Exception {
		try (OwnStack stack = OwnStack.start()) {
			stack.stopRedis();
			try (ConfigurableApplicationContext app = Instances.start(stack, Instances.freePort())) {
				RedisMessageListenerContainer subscription = app.getBean(RedisMessageListenerContainer.class);
				assertThat(subscription.isListening()).isFalse();
				stack.startRedis();
				await().atMost(Duration.ofSeconds(20)).until(subscription::isListening);
			}
		}
	}

}
