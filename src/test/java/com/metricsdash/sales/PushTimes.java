package com.metricsdash.sales;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.metricsdash.live.LiveClient;
import com.metricsdash.testing.Latencies;
import com.metricsdash.testing.SessionTokens;
import com.metricsdash.testing.Webhooks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live sockets of the stores' open pages in {@link IngestLoad}, timing each order from its delivery's 200 to the
 * first dashboard frame on each socket that counts it: the push latency during the ingest. A socket follows
 * {@code /ws/stores/{id}?format=json} with a session token of its shop, renewed over the socket as an embedded page
 * does. Its first frame (sent on connect, before any order of the run) is its baseline; from then on the frame counting
 * {@code baseline + n} orders today has pushed the store's first {@code n} accepted orders, taken in the order their
 * 200s arrived (the workers apply a store's deliveries in the order received, so this is the order in which they are
 * counted, but for deliveries answered within the same moment). An order counted before its 200 was read is timed 0.
 * Only orders accepted within the measured time are timed.
 */
final class PushTimes {

	/** A token lives a minute; renewed well before, as App Bridge hands a page fresh ones. */
	private static final Duration RENEW_EVERY = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newBuilder()
		.executor(Executors.newFixedThreadPool(2, (task) -> daemon(task, "push-sockets")))
		.build();

	private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(
			(task) -> daemon(task, "push-renewals"));

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<Socket> sockets = new ArrayList<>();

	private final AtomicLong errors = new AtomicLong();

	private final AtomicLong frames = new AtomicLong();

	/** Latencies in nanoseconds, guarded by {@code this}. */
	private long[] samples = new long[1024];

	private int sampled;

	private volatile long measureFrom = Long.MAX_VALUE;

	private volatile long measureUntil = Long.MAX_VALUE;

	/** Opens {@code perStore} sockets for each store and waits for each one's first frame: its baseline. */
	PushTimes(String baseUrl, List<Watched> stores, int perStore) {
		String base = baseUrl.replaceFirst("^http", "ws");
		List<CompletableFuture<?>> opened = new ArrayList<>();
		for (Watched store : stores) {
			for (int i = 0; i < perStore; i++) {
				Socket socket = new Socket(store);
				this.sockets.add(socket);
				opened.add(open(base, socket).thenCompose((webSocket) -> socket.baselined));
			}
		}
		CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).orTimeout(1, TimeUnit.MINUTES).join();
		this.renewals.scheduleWithFixedDelay(() -> this.sockets.forEach(Socket::renew), RENEW_EVERY.toSeconds(),
				RENEW_EVERY.toSeconds(), TimeUnit.SECONDS);
	}

	/**
	 * Opens the socket with a fresh token, and again after the {@code Retry-After} of a handshake answered 503, as a
	 * page does: when hundreds open at once, the pool's connections may all be taken for a moment.
	 */
	private CompletableFuture<WebSocket> open(String base, Socket socket) {
		URI uri = URI.create(base + "/ws/stores/" + socket.store.store().id() + "?format=json&access_token="
				+ token(socket.store));
		return this.http.newWebSocketBuilder().buildAsync(uri, socket).exceptionallyCompose((failure) -> {
			Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
			if (cause instanceof WebSocketHandshakeException refused && refused.getResponse().statusCode() == 503) {
				long seconds = refused.getResponse().headers().firstValueAsLong("Retry-After").orElse(1);
				return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(seconds, TimeUnit.SECONDS))
					.thenCompose((retry) -> open(base, socket));
			}
			return CompletableFuture.failedFuture(failure);
		});
	}

	/** Orders accepted from {@code from} until {@code until} ({@link System#nanoTime}) are timed. */
	void measure(long from, long until) {
		this.measureFrom = from;
		this.measureUntil = until;
	}

	/**
	 * Waits at most {@code within} for every socket to have counted every order accepted in the measured time, and
	 * returns the latencies, with those never counted by a socket as errors.
	 */
	Latencies latencies(Duration within) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		while (missing() > 0 && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(50);
		}
		synchronized (this) {
			return Latencies.of(Arrays.copyOf(this.samples, this.sampled), (int) missing(), 0);
		}
	}

	/** Frames of the dashboard received, and socket errors and closes. */
	long frames() {
		return this.frames.get();
	}

	long errors() {
		return this.errors.get();
	}

	int sockets() {
		return this.sockets.size();
	}

	/** Orders accepted in the measured time that some socket has not counted yet, summed over the sockets. */
	private long missing() {
		return this.sockets.stream().mapToLong(Socket::missing).sum();
	}

	private synchronized void sample(long nanos) {
		if (this.sampled == this.samples.length) {
			this.samples = Arrays.copyOf(this.samples, 2 * this.sampled);
		}
		this.samples[this.sampled++] = nanos;
	}

	private boolean measured(long acceptedAt) {
		return acceptedAt - this.measureFrom >= 0 && acceptedAt - this.measureUntil < 0;
	}

	private static String token(Watched store) {
		return SessionTokens.sign(store.store().shop(), Webhooks.SECRET, Instant.now());
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	/** A store whose accepted orders are timed: when each delivery's 200 arrived, in that order. */
	static final class Watched {

		private final IngestLoad.Store store;

		private long[] acceptedAt = new long[1024];

		private int accepted;

		Watched(IngestLoad.Store store) {
			this.store = store;
		}

		IngestLoad.Store store() {
			return this.store;
		}

		synchronized void accepted(long at) {
			if (this.accepted == this.acceptedAt.length) {
				this.acceptedAt = Arrays.copyOf(this.acceptedAt, 2 * this.accepted);
			}
			this.acceptedAt[this.accepted++] = at;
		}

		/** When the {@code n}th order (from 0) was accepted, {@code n} below {@link #accepted()}. */
		synchronized long acceptedAt(int n) {
			return this.acceptedAt[n];
		}

		synchronized int accepted() {
			return this.accepted;
		}

	}

	/** One page's socket: the orders it has counted since its baseline. */
	private final class Socket implements WebSocket.Listener {

		private final Watched store;

		private final StringBuilder partial = new StringBuilder();

		private final CompletableFuture<Void> baselined = new CompletableFuture<>();

		private volatile WebSocket webSocket;

		private long baseline = -1;

		/** Orders of the run this socket has counted, guarded by {@code this}. */
		private int counted;

		Socket(Watched store) {
			this.store = store;
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			this.webSocket = webSocket;
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			long at = System.nanoTime();
			this.partial.append(data);
			if (last) {
				JsonNode frame = PushTimes.this.json.readTree(this.partial.toString());
				this.partial.setLength(0);
				if ("dashboard:update".equals(frame.path("type").asString())) {
					PushTimes.this.frames.incrementAndGet();
					counted(frame.path("data").path("orders").path("today").asLong(), at);
				}
			}
			webSocket.request(1);
			return null;
		}

		private synchronized void counted(long ordersToday, long at) {
			if (this.baseline < 0) {
				this.baseline = ordersToday;
				this.baselined.complete(null);
				return;
			}
			for (int n = this.counted; n < ordersToday - this.baseline; n++) {
				if (n >= this.store.accepted()) {
					if (measured(at)) {
						sample(0);
					}
				}
				else if (measured(this.store.acceptedAt(n))) {
					sample(Math.max(0, at - this.store.acceptedAt(n)));
				}
			}
			this.counted = (int) Math.max(this.counted, ordersToday - this.baseline);
		}

		synchronized long missing() {
			long missing = 0;
			for (int n = this.counted; n < this.store.accepted(); n++) {
				if (measured(this.store.acceptedAt(n))) {
					missing++;
				}
			}
			return missing;
		}

		void renew() {
			WebSocket socket = this.webSocket;
			if (socket != null && !socket.isOutputClosed()) {
				socket.sendText(LiveClient.renewal(token(this.store)), true);
			}
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			PushTimes.this.errors.incrementAndGet();
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			PushTimes.this.errors.incrementAndGet();
			this.baselined.completeExceptionally(error);
		}

	}

}
