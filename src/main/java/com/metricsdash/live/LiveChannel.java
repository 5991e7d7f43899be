package com.metricsdash.live;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Carries every frame to every instance over one Redis pub/sub channel, so a change made on one instance reaches the
 * sockets open on all of them; each instance delivers what it hears to its own sockets, and tells its live widgets
 * of a change announced for a store it holds sockets of ({@link LiveChanged}). When Redis cannot be reached the frame
 * still goes to this instance's sockets, so the page keeps working where it can.
 */
@Component
class LiveChannel implements MessageListener {

	private static final Logger logger = LoggerFactory.getLogger(LiveChannel.class);

	private final StringRedisTemplate redis;

	private final ObjectMapper json;

	private final LiveSockets sockets;

	private final String channel;

	private final AtomicBoolean redisDown = new AtomicBoolean();

	private final ApplicationEventPublisher events;

	LiveChannel(StringRedisTemplate redis, ObjectMapper json, LiveSockets sockets, LiveProperties properties,
			ApplicationEventPublisher events) {
		this.redis = redis;
		this.json = json;
		this.sockets = sockets;
		this.channel = properties.channel();
		this.events = events;
	}

	void broadcast(LiveFrame frame) {
		try {
			this.redis.convertAndSend(this.channel, this.json.writeValueAsString(frame));
			if (this.redisDown.compareAndSet(true, false)) {
				logger.info("Redis is reachable again: live updates reach every instance");
			}
		}
		catch (DataAccessException ex) {
			if (this.redisDown.compareAndSet(false, true)) {
				logger.warn("Redis is unreachable, live updates reach this instance's sockets only: {}", ex.getMessage());
			}
			receive(frame);
		}
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		try {
			receive(this.json.readValue(message.getBody(), LiveFrame.class));
		}
		catch (JacksonException ex) {
			logger.warn("Ignored a malformed live update on {}: {}", this.channel, ex.getOriginalMessage());
		}
	}

	private void receive(LiveFrame frame) {
		if (!frame.announcesChange()) {
			this.sockets.deliver(frame);
		}
		else if (this.sockets.count(frame.storeId()) > 0) {
			this.events.publishEvent(new LiveChanged(frame.storeId()));
		}
	}

}
