package com.metricsdash.live;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator.OverflowStrategy;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/**
 * The sockets open on this instance, by store, and the sending to them. A send to a socket blocks while the client
 * does not read, so sends run on pool threads and the caller never waits; each socket's sends run in order, one at a
 * time ({@link SerialExecutor}), so its frames arrive as they were published. Each socket is wrapped in
 * a {@link ConcurrentWebSocketSessionDecorator}, so while one send to it is stuck the next ones only queue up, and a
 * socket over its send-time or buffer limit is closed (its page reconnects and catches up). A socket opened with a
 * token is closed once the token is no longer valid ({@link #EXPIRED}), unless the page renewed it in time.
 * <p>
 * The pool is bounded ({@code metricsdash.live.sender-threads}, {@code sender-queue}), since a client that stops
 * reading holds a thread for as long as its send blocks: a socket whose frames find every thread busy and no room to
 * wait is closed with 1013 (try again later) instead, so its page reconnects and catches up, and the instance's
 * threads and memory stay within bounds however many clients stall. The pool's threads and queue are metrics
 * ({@code executor.*} tagged {@code name=live-send}).
 * <p>
 * When the instance shuts down, every socket is closed with 1012 (service restart) before the web server stops, and a
 * socket that still opens is closed the same way: the pages' ws extension reconnects after 1012 (not after the 1001
 * a stopping server would send), so each page is back on another instance within its reconnect delay.
 */
@Component
class LiveSockets implements SmartLifecycle {

	/**
	 * Before the web server's graceful shutdown ({@code SmartLifecycle.DEFAULT_PHASE - 1024}), which would otherwise
	 * wait for the sockets or drop them: higher phases stop first.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Logger logger = LoggerFactory.getLogger(LiveSockets.class);

	/**
	 * The close of a socket whose token expired: an application code (4000 to 4999) modelled on HTTP's 401, so that a
	 * page tells it from an outage and reconnects with a fresh token (see {@code js/embedded.js}).
	 */
	static final CloseStatus EXPIRED = new CloseStatus(4401, "Token expired: reconnect with a fresh one");

	/** The close of a socket whose API token was revoked: the same code, since only another token opens it again. */
	static final CloseStatus REVOKED = new CloseStatus(4401, "Token revoked");

	private final Map<UUID, Map<String, LiveSocket>> byStore = new ConcurrentHashMap<>();

	private final Map<String, LiveSocket> byId = new ConcurrentHashMap<>();

	private final ThreadPoolExecutor senders;

	private final LiveProperties properties;

	private final Clock clock;

	private volatile boolean running;

	/** Whether the instance is shutting down: from {@link #stop()} on, a socket is closed as soon as it opens. */
	private volatile boolean stopping;

	LiveSockets(LiveProperties properties, MeterRegistry meters, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		this.senders = new ThreadPoolExecutor(properties.senderThreads(), properties.senderThreads(), 1,
				TimeUnit.MINUTES, new ArrayBlockingQueue<>(properties.senderQueue()), daemonThreads());
		this.senders.allowCoreThreadTimeOut(true);
		new ExecutorServiceMetrics(this.senders, "live-send", List.of()).bindTo(meters);
		Gauge.builder("metricsdash.live.sockets", this.byId, Map::size)
			.description("Open live-update WebSockets on this instance")
			.register(meters);
	}

	void opened(WebSocketSession session, Subscription subscription) {
		LiveSocket socket = new LiveSocket(subscription, new ConcurrentWebSocketSessionDecorator(session,
				Math.toIntExact(this.properties.sendTimeLimit().toMillis()),
				Math.toIntExact(this.properties.bufferSizeLimit().toBytes()), OverflowStrategy.TERMINATE),
				new SerialExecutor(this.senders), new AtomicLong(), new AtomicReference<>(subscription.validUntil()));
		this.byId.put(session.getId(), socket);
		this.byStore.computeIfAbsent(subscription.storeId(), (id) -> new ConcurrentHashMap<>()).put(session.getId(), socket);
		if (this.stopping) {
			close(socket, CloseStatus.SERVICE_RESTARTED);
		}
	}

	void closed(String sessionId) {
		LiveSocket socket = this.byId.remove(sessionId);
		if (socket != null) {
			this.byStore.computeIfPresent(socket.subscription().storeId(), (id, sockets) -> {
				sockets.remove(sessionId);
				return sockets.isEmpty() ? null : sockets;
			});
		}
	}

	/** Keeps a socket opened with a token open until {@code validUntil}, the end of the fresh token it sent. */
	void renew(String sessionId, Instant validUntil) {
		LiveSocket socket = this.byId.get(sessionId);
		if (socket != null) {
			socket.validUntil().set(validUntil);
		}
	}

	/** Closes a socket at once as if its token had expired, e.g. when it sent a renewal that is no valid token. */
	void expire(String sessionId) {
		LiveSocket socket = this.byId.get(sessionId);
		if (socket != null) {
			close(socket, EXPIRED);
		}
	}

	/** Every second: the sockets whose token is no longer valid, and was not renewed, are closed. */
	@Scheduled(fixedDelay = 1000)
	void closeExpired() {
		Instant now = this.clock.instant();
		this.byId.values().stream().filter((socket) -> {
			Instant validUntil = socket.validUntil().get();
			return validUntil != null && !validUntil.isAfter(now);
		}).toList().forEach((socket) -> close(socket, EXPIRED));
	}

	int count(UUID storeId) {
		return this.byStore.getOrDefault(storeId, Map.of()).size();
	}

	/** The sockets open on this instance. */
	int count() {
		return this.byId.size();
	}

	Set<UUID> stores() {
		return Set.copyOf(this.byStore.keySet());
	}

	/**
	 * Sends the frame to every socket of its store on this instance, or closes them all if it says so (only those of
	 * the API token it names, if it names one).
	 */
	void deliver(LiveFrame frame) {
		Map<String, LiveSocket> sockets = this.byStore.get(frame.storeId());
		if (sockets != null && frame.closes() && frame.apiTokenId() != null) {
			List.copyOf(sockets.values())
				.stream()
				.filter((socket) -> frame.apiTokenId().equals(socket.subscription().apiTokenId()))
				.forEach((socket) -> close(socket, REVOKED));
		}
		else if (sockets != null && frame.closes()) {
			List.copyOf(sockets.values()).forEach((socket) -> close(socket, CloseStatus.POLICY_VIOLATION));
		}
		else if (sockets != null) {
			Frames frames = new Frames(frame);
			sockets.values().forEach((socket) -> send(socket, frames));
		}
	}

	/** Sends the frame to one socket, if it is open on this instance. */
	void deliver(String sessionId, LiveFrame frame) {
		LiveSocket socket = this.byId.get(sessionId);
		if (socket != null) {
			send(socket, new Frames(frame));
		}
	}

	private void send(LiveSocket socket, Frames frames) {
		TextMessage message = socket.subscription().json() ? frames.json() : frames.html();
		if (message == null) {
			return;
		}
		long size = message.getPayloadLength();
		if (socket.queuedBytes().addAndGet(size) > this.properties.bufferSizeLimit().toBytes()) {
			logger.info("Closing a slow live socket of store {}: over {} queued", socket.subscription().storeId(),
					this.properties.bufferSizeLimit());
			close(socket, CloseStatus.SERVICE_OVERLOAD);
			return;
		}
		try {
			socket.sends().execute(() -> {
				try {
					socket.session().sendMessage(message);
				}
				catch (SessionLimitExceededException ex) {
					logger.info("Closing a slow live socket of store {}: {}", socket.subscription().storeId(),
							ex.getMessage());
					close(socket, CloseStatus.SERVICE_OVERLOAD);
				}
				catch (IOException | IllegalStateException ex) {
					logger.debug("Could not send to live socket {}", socket.session().getId(), ex);
					close(socket, CloseStatus.SERVER_ERROR);
				}
				finally {
					socket.queuedBytes().addAndGet(-size);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			if (!this.senders.isShutdown()) {
				logger.info("Closing a live socket of store {}: all {} sender threads are busy and {} sockets wait "
						+ "for one", socket.subscription().storeId(), this.properties.senderThreads(),
						this.properties.senderQueue());
			}
			close(socket, CloseStatus.SERVICE_OVERLOAD);
		}
	}

	/**
	 * Closes the socket itself, not through the decorator, which would turn the status into 4500: htmx's ws extension
	 * reconnects after 1013 (try again later), and the page then catches up on fresh fragments.
	 */
	private void close(LiveSocket socket, CloseStatus status) {
		closed(socket.session().getId());
		try {
			socket.session().getDelegate().close(status);
		}
		catch (IOException ex) {
			logger.debug("Live socket {} did not close cleanly", socket.session().getId(), ex);
		}
	}

	@Override
	public void start() {
		this.stopping = false;
		this.running = true;
	}

	/** Closes every socket with 1012, so that its page reconnects, to another instance while this one is down. */
	@Override
	public void stop() {
		this.stopping = true;
		this.running = false;
		List<LiveSocket> open = List.copyOf(this.byId.values());
		if (!open.isEmpty()) {
			logger.info("Shutting down: closing {} live sockets with 1012 (service restart)", open.size());
		}
		open.forEach((socket) -> close(socket, CloseStatus.SERVICE_RESTARTED));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@PreDestroy
	void stopSending() {
		this.senders.shutdownNow();
	}

	private static CustomizableThreadFactory daemonThreads() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("live-send-");
		threads.setDaemon(true);
		return threads;
	}

	/**
	 * An open socket; {@code queuedBytes} counts what waits in {@code sends}, so a stalled client is noticed, and
	 * {@code validUntil} is when its token stops being valid, moved on by each renewal ({@code null}: no token).
	 */
	private record LiveSocket(Subscription subscription, ConcurrentWebSocketSessionDecorator session,
			SerialExecutor sends, AtomicLong queuedBytes, AtomicReference<Instant> validUntil) {
	}

	/** The frame's two renderings as WebSocket messages, made once however many sockets take them. */
	private record Frames(TextMessage html, TextMessage json) {

		Frames(LiveFrame frame) {
			this(message(frame.html()), message(frame.json()));
		}

		private static TextMessage message(String payload) {
			return (payload != null) ? new TextMessage(payload) : null;
		}

	}

}
