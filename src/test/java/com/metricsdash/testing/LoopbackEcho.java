package com.metricsdash.testing;

import java.io.IOException;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * A WebSocket that sends every text frame straight back, on the thread that read it, at {@value #PATH}: the bare
 * transport (the same Tomcat, filter chain and Spring WebSocket stack as the live sockets, without their handshake
 * check, rendering, Redis or sender pool), which the benchmarks measure as the reference for the pushes. Test code
 * only: the shipped app has no such endpoint.
 */
@TestConfiguration(proxyBeanMethods = false)
public class LoopbackEcho implements WebSocketConfigurer {

	/** Under {@code /ws/}, whose handshakes the security chain leaves to the handler, as it does the live sockets'. */
	public static final String PATH = "/ws/test-echo";

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(new Echo(), PATH);
	}

	private static final class Echo extends TextWebSocketHandler {

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
			session.sendMessage(message);
		}

	}

}
