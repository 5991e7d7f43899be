package com.metricsdash.system;

import io.lettuce.core.ClientOptions.DisconnectedBehavior;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the app talks to Redis when Redis is gone. Lettuce's default is to queue commands while it reconnects, so every
 * request touching Redis would hang for the whole command timeout; rejected at once instead, they fail fast and the
 * app carries on without Redis where it can (the dashboard's {@link LastKnown} figures, live updates to this
 * instance's sockets). Lettuce still reconnects by itself once Redis is back.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

	@Bean
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return (options) -> options.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
	}

}
