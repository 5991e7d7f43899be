package com.metricsdash.live;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Wires the live-update WebSocket at {@code /ws/stores/{storeId}} behind its handshake check (browsers keep to the
 * app's own origin, Spring's default), and the subscription to the Redis channel. Frames from Redis are handled on
 * the subscription's own thread, in the order they were published: delivering only hands them to the sender pool.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LiveConfiguration implements WebSocketConfigurer {

	private final LiveSocketHandler handler;

	private final LiveHandshake handshake;

	LiveConfiguration(LiveSocketHandler handler, LiveHandshake handshake) {
		this.handler = handler;
		this.handshake = handshake;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(this.handler, "/ws/stores/*").addInterceptors(this.handshake);
	}

	@Bean
	RedisMessageListenerContainer liveUpdatesListener(RedisConnectionFactory redis, LiveChannel channel,
			LiveProperties properties) {
		RedisMessageListenerContainer container = new LiveSubscription();
		container.setConnectionFactory(redis);
		container.setTaskExecutor(new SyncTaskExecutor());
		container.addMessageListener(channel, new ChannelTopic(properties.channel()));
		return container;
	}

}
