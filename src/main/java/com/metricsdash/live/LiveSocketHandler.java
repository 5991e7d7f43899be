package com.metricsdash.live;

import java.time.Instant;
import java.util.Optional;

import com.metricsdash.system.LastKnown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Keeps track of the sockets {@link LiveHandshake} let in, and announces each new one so that widgets can bring it up
 * to date at once. Pages only listen, with one exception: a socket opened with a token (a Shopify session token
 * lives a minute) is renewed by sending {@code {"type":"renew","token":"<a fresh token>"}} before it expires. A
 * renewal is judged as a new handshake would be; one that is no valid token of the socket's store closes the socket
 * as expired; one that cannot be judged because the database cannot be reached leaves the socket as it was, open
 * until its token ends, for the page's next renewal to try again. Anything else a client sends is ignored.
 */
@Component
class LiveSocketHandler extends TextWebSocketHandler {

	private static final Logger logger = LoggerFactory.getLogger(LiveSocketHandler.class);

	private final LiveSockets sockets;

	private final LiveHandshake handshake;

	private final ObjectMapper json;

	private final ApplicationEventPublisher events;

	LiveSocketHandler(LiveSockets sockets, LiveHandshake handshake, ObjectMapper json,
			ApplicationEventPublisher events) {
		this.sockets = sockets;
		this.handshake = handshake;
		this.json = json;
		this.events = events;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		Subscription subscription = subscription(session);
		this.sockets.opened(session, subscription);
		this.events.publishEvent(new LiveConnected(subscription.storeId(), subscription.json(), session.getId()));
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		Subscription subscription = subscription(session);
		if (subscription.validUntil() == null) {
			return;
		}
		Optional<String> token = renewal(message.getPayload());
		if (token.isEmpty()) {
			return;
		}
		Optional<Instant> validUntil;
		try {
			validUntil = this.handshake.validUntil(token.get(), subscription.storeId());
		}
		catch (RuntimeException ex) {
			if (!LastKnown.databaseUnreachable(ex)) {
				throw ex;
			}
			logger.debug("A renewal of socket {} left for the next: the database is unreachable: {}", session.getId(),
					ex.getMessage());
			return;
		}
		validUntil.ifPresentOrElse((until) -> this.sockets.renew(session.getId(), until),
				() -> this.sockets.expire(session.getId()));
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		this.sockets.closed(session.getId());
	}

	/** The token of a renewal message; empty for anything else. */
	private Optional<String> renewal(String payload) {
		try {
			JsonNode message = this.json.readTree(payload);
			return Optional.of(message)
				.filter((node) -> "renew".equals(node.path("type").asString(null)))
				.map((node) -> node.path("token").asString(null));
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	private static Subscription subscription(WebSocketSession session) {
		return (Subscription) session.getAttributes().get(Subscription.ATTRIBUTE);
	}

}
