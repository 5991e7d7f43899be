package com.metricsdash.live;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Keeps track of the sockets {@link LiveHandshake} let in, and announces each new one so that widgets can bring it up
 * to date at once. Pages only listen: whatever a client sends is ignored.
 */
@Component
class LiveSocketHandler extends TextWebSocketHandler {

	private final LiveSockets sockets;

	private final ApplicationEventPublisher events;

	LiveSocketHandler(LiveSockets sockets, ApplicationEventPublisher events) {
		this.sockets = sockets;
		this.events = events;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		Subscription subscription = (Subscription) session.getAttributes().get(Subscription.ATTRIBUTE);
		this.sockets.opened(session, subscription);
		this.events.publishEvent(new LiveConnected(subscription.storeId(), subscription.json(), session.getId()));
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		this.sockets.closed(session.getId());
	}

}
