package com.metricsdash.live;

import java.util.Collection;
import java.util.UUID;
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
 * of a change announced for a store it holds sockets of ({@link LiveChanged}). The instance that announces a change
 * tells its own widgets at once rather than after the round trip through Redis (and a thread of the Redis client,
 * which on a busy instance waits its turn for the cores), and ignores the change when Redis brings it back. When Redis
 * cannot be reached the frame still goes to this instance's sockets, so the page keeps working where it can.
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

	/** This instance, as the origin of the changes it announces. */
	private final UUID self = UUID.randomUUID();

	LiveChannel(StringRedisTemplate redis, ObjectMapper json, LiveSockets sockets, LiveProperties properties,
			ApplicationEventPublisher events) {
		this.redis = redis;
		this.json = json;
		this.sockets = sockets;
		this.channel = properties.channel();
		this.events = events;
	}

	void broadcast(LiveFrame frame) {
		if (!send(frame)) {
			receive(frame);
		}
	}

	/** Tells this instance's live widgets at once that the store's data changed, if it holds a page of the store. */
	void changedHere(UUID storeId) {
		if (this.sockets.count(storeId) > 0) {
			this.events.publishEvent(new LiveChanged(storeId));
		}
	}

	/**
	 * Tells the other instances, in one message however many they are, that the stores' data changed; this one has
	 * been told already ({@link #changedHere}) and ignores the message when Redis brings it back.
	 */
	void announceElsewhere(Collection<UUID> storeIds) {
		send(LiveFrame.changing(storeIds, this.self));
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		try {
			LiveFrame frame = this.json.readValue(message.getBody(), LiveFrame.class);
			if (!(frame.announcesChange() && this.self.equals(frame.origin()))) {
				receive(frame);
			}
		}
		catch (JacksonException ex) {
			logger.warn("Ignored a malformed live update on {}: {}", this.channel, ex.getOriginalMessage());
		}
	}

	/** Publishes the frame on the channel; {@code false} when Redis cannot be reached. */
	private boolean send(LiveFrame frame) {
		try {
			this.redis.convertAndSend(this.channel, this.json.writeValueAsString(frame));
			if (this.redisDown.compareAndSet(true, false)) {
				logger.info("Redis is reachable again: live updates reach every instance");
			}
			return true;
		}
		catch (DataAccessException ex) {
			if (this.redisDown.compareAndSet(false, true)) {
				logger.warn("Redis is unreachable, live updates reach this instance's sockets only: {}", ex.getMessage());
			}
			return false;
		}
	}

	private void receive(LiveFrame frame) {
		if (frame.announcesChange()) {
			frame.changedStores().forEach(this::changedHere);
		}
		else {
			this.sockets.deliver(frame);
		}
	}

}
