package com.metricsdash.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client of the live endpoint built on the JDK's own, collecting whole text frames. A stalled client
 * never asks for a frame, so it stops reading from the network and the server's sends to it back up. Public for the tests
 * of other modules that follow a store's pushes.
 */
public final class LiveClient implements WebSocket.Listener, AutoCloseable {

	private static final HttpClient http = HttpClient.newHttpClient();

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	private final StringBuilder partial = new StringBuilder();

	private final boolean reads;

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private WebSocket socket;

	private volatile String closeReason;

	private LiveClient(boolean reads) {
		this.reads = reads;
	}

	/** Connects with the given headers; returns the client, or throws {@link Refused} with the handshake's status. */
	public static LiveClient connect(String url, Map<String, String> headers) {
		return connect(url, headers, true);
	}

	static LiveClient stalled(String url, Map<String, String> headers) {
		return connect(url, headers, false);
	}

	private static LiveClient connect(String url, Map<String, String> headers, boolean reads) {
		LiveClient client = new LiveClient(reads);
		WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
		headers.forEach(builder::header);
		try {
			client.socket = builder.buildAsync(URI.create(url), client).get(10, TimeUnit.SECONDS);
			return client;
		}
		catch (java.util.concurrent.ExecutionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				throw new Refused(refused.getResponse().statusCode(),
						refused.getResponse().headers().firstValue("Retry-After").orElse(null));
			}
			throw new CompletionException(ex.getCause());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The next whole frame, or {@code null} if none arrives within the timeout. */
	public String next(Duration timeout) throws InterruptedException {
		return this.received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * The next JSON frame of the type, past those of other widgets (which greet a new socket in no set order), or
	 * {@code null} if no frame at all arrives within the timeout.
	 */
	public String next(String type, Duration timeout) throws InterruptedException {
		String frame;
		do {
			frame = next(timeout);
		}
		while (frame != null && !frame.startsWith("{\"type\":\"" + type + "\""));
		return frame;
	}

	/** Sends a fresh token, as a page does to keep its socket past its token's minute. */
	public void renew(String token) {
		this.socket.sendText(renewal(token), true).join();
	}

	/** The message that renews a socket with a fresh token; the benchmarks' sockets send it too. */
	public static String renewal(String token) {
		return "{\"type\":\"renew\",\"token\":\"" + token + "\"}";
	}

	/** The close reason the server sent, once it has closed. */
	String closeReason() {
		return this.closeReason;
	}

	/** The close code the server sent, or {@code null} if it did not close within the timeout. */
	public Integer closeCode(Duration timeout) {
		try {
			return this.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			return null;
		}
	}

	@Override
	public void close() {
		this.socket.abort();
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		if (this.reads) {
			webSocket.request(1);
		}
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			this.received.add(this.partial.toString());
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closeReason = reason;
		this.closed.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.complete(-1);
	}

	/** The server refused the handshake with this HTTP status (and {@code Retry-After}, if it said one). */
	public static final class Refused extends RuntimeException {

		private final int status;

		private final String retryAfter;

		Refused(int status, String retryAfter) {
			super("handshake refused with " + status);
			this.status = status;
			this.retryAfter = retryAfter;
		}

		public int status() {
			return this.status;
		}

		public String retryAfter() {
			return this.retryAfter;
		}

	}

}
