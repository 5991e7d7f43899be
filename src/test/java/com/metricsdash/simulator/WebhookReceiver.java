package com.metricsdash.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the app's webhook endpoint: an HTTP server on a free local port that records every request it gets
 * (headers and raw body) and answers with the given statuses in turn, the last one repeated.
 */
final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final int[] statuses;

	private final List<Received> received = new ArrayList<>();

	private WebhookReceiver(int[] statuses) throws IOException {
		this.statuses = statuses;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static WebhookReceiver answering(int... statuses) throws IOException {
		return new WebhookReceiver((statuses.length > 0) ? statuses : new int[] { 200 });
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/webhooks/shopify";
	}

	/** Waits until at least {@code count} requests came in, and returns all that did. */
	List<Received> await(int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.received) {
			while (this.received.size() < count && System.nanoTime() < deadline) {
				this.received.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
			}
			return List.copyOf(this.received);
		}
	}

	/** Whatever came in after waiting {@code quiet}, for tests that expect nothing or no more. */
	List<Received> after(Duration quiet) throws InterruptedException {
		Thread.sleep(quiet.toMillis());
		synchronized (this.received) {
			return List.copyOf(this.received);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
		int status;
		synchronized (this.received) {
			status = this.statuses[Math.min(this.received.size(), this.statuses.length - 1)];
			this.received.add(new Received(headers, body));
			this.received.notifyAll();
		}
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	record Received(Map<String, String> headers, byte[] body) {

		String header(String name) {
			return this.headers.get(name);
		}

	}

}
