package com.metricsdash.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.metricsdash.live.LiveClient;
import com.metricsdash.testing.LoopbackEcho;
import com.metricsdash.testing.SessionTokens;
import com.metricsdash.testing.Webhooks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client ends of {@link DashboardBenchmark}'s 10,000 sockets, in a process of their own: a socket is a file
 * descriptor at each end, and both ends of 10,000 in one JVM would pass the 20,000 a process may open on this machine.
 * All of them share one JDK {@link HttpClient}, whose one selector thread serves every socket. Two modes:
 * <ul>
 * <li>{@code live}: each store's sockets follow {@code /ws/stores/{id}?format=json} with a session token of its shop,
 * as an embedded page does, and renew it over the socket every {@value #RENEW_SECONDS} s (a token lives a minute), as
 * the page does with App Bridge's fresh tokens; a socket counts as open once its first dashboard frame arrived.
 * {@code EXPECT <store>} then watches the store's sockets for the frame that counts one more order than they have seen;
 * {@code ARMED <store>} says the watch is set, so the order may be placed.</li>
 * <li>{@code echo}: the same number of sockets, grouped as the stores' are, on {@link LoopbackEcho}; {@code ECHO
 * <group>} sends one frame on each socket of the group at once and watches for the echoes.</li>
 * </ul>
 * A watch ends with {@code GOT <key> <sent> <first> <last> <received> <sockets>}: {@link System#nanoTime} when the
 * echo frames were sent (0 for a push, which the benchmark times itself), when the first and the last of the group's
 * sockets received theirs, and how many of them did within the timeout. The clock is the machine's monotonic one, the
 * same in every process, so the benchmark compares it with its own.
 * <p>
 * Arguments: mode, the app's base {@code ws://} URL, stores file (a line per store: id and shop), sockets per store,
 * timeout in milliseconds. Prints {@code OPEN <opened> <refused> <failed> <seconds> <heap MiB>} once every socket
 * opened or failed to; {@code STATS} prints what arrived and closed since; {@code QUIT} or the end of its input closes
 * every socket and exits.
 */
public final class SocketFleet {

	/**
	 * A page renews its socket with each new token App Bridge hands it, about once a minute; 50 s leaves the server's
	 * once-a-second expiry sweep a margin, and costs the app about 200 renewals a second over 10,000 sockets.
	 */
	static final int RENEW_SECONDS = 50;

	/** Handshakes under way at once, like pages opening together, not all 10,000 in one moment. */
	private static final int OPENING = 64;

	private final boolean live;

	private final String baseUrl;

	private final Duration timeout;

	private final Map<String, Group> groups = new LinkedHashMap<>();

	private final Set<Group> watched = ConcurrentHashMap.newKeySet();

	private final HttpClient http = HttpClient.newBuilder()
		.executor(Executors.newFixedThreadPool(4, SocketFleet::daemon))
		.build();

	private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, SocketFleet::daemon);

	private final JsonMapper json = JsonMapper.builder().build();

	private final PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);

	private final AtomicLong frames = new AtomicLong();

	private final AtomicLong renewals = new AtomicLong();

	private final Map<Integer, AtomicLong> closes = new ConcurrentHashMap<>();

	private final AtomicLong errors = new AtomicLong();

	private SocketFleet(boolean live, String baseUrl, Duration timeout) {
		this.live = live;
		this.baseUrl = baseUrl;
		this.timeout = timeout;
	}

	public static void main(String[] args) throws Exception {
		SocketFleet fleet = new SocketFleet("live".equals(args[0]), args[1], Duration.ofMillis(Long.parseLong(args[4])));
		int perStore = Integer.parseInt(args[3]);
		for (String line : Files.readAllLines(Path.of(args[2]))) {
			String[] store = line.split(" ");
			fleet.groups.put(store[0], fleet.new Group(store[0], store[1]));
		}
		fleet.open(perStore);
		fleet.timers.scheduleWithFixedDelay(fleet::endOverdueWatches, 20, 20, TimeUnit.MILLISECONDS);
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		for (String line = in.readLine(); line != null && !line.equals("QUIT"); line = in.readLine()) {
			fleet.command(line.split(" "));
		}
		fleet.groups.values().forEach((group) -> group.sockets.forEach(Socket::abort));
		System.exit(0);
	}

	/** Opens {@code perStore} sockets of every store, a round over all stores at a time, and says how that went. */
	private void open(int perStore) throws InterruptedException {
		long started = System.nanoTime();
		Semaphore opening = new Semaphore(OPENING);
		AtomicLong opened = new AtomicLong();
		AtomicLong refused = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		for (int round = 0; round < perStore; round++) {
			for (Group group : this.groups.values()) {
				opening.acquire();
				Socket socket = new Socket(group);
				group.sockets.add(socket);
				String url = this.live ? this.baseUrl + "/ws/stores/" + group.key + "?format=json&access_token="
						+ token(group.shop) : this.baseUrl + LoopbackEcho.PATH;
				this.http.newWebSocketBuilder()
					.connectTimeout(Duration.ofSeconds(10))
					.buildAsync(URI.create(url), socket)
					.thenCompose((webSocket) -> socket.ready)
					.orTimeout(30, TimeUnit.SECONDS)
					.whenComplete((ready, ex) -> {
						if (ex == null) {
							opened.incrementAndGet();
						}
						else if (ex.getCause() instanceof WebSocketHandshakeException refusal) {
							refused.incrementAndGet();
							System.err.println("Refused: " + refusal.getResponse().statusCode() + " " + url);
						}
						else {
							failed.incrementAndGet();
							System.err.println("Failed: " + ex + " " + url);
						}
						opening.release();
					});
			}
		}
		opening.acquire(OPENING);
		System.gc();
		Runtime runtime = Runtime.getRuntime();
		say("OPEN %d %d %d %.1f %d", opened.get(), refused.get(), failed.get(), (System.nanoTime() - started) / 1e9,
				(runtime.totalMemory() - runtime.freeMemory()) >> 20);
	}

	private void command(String[] command) {
		Group group = (command.length > 1) ? this.groups.get(command[1]) : null;
		switch (command[0]) {
			case "EXPECT" -> {
				long seen = group.sockets.stream().mapToLong((socket) -> socket.counted).max().orElse(-1);
				group.watch(new Watch(seen + 1, 0, System.nanoTime() + this.timeout.toNanos()));
				say("ARMED %s", group.key);
				group.check();
			}
			case "ECHO" -> {
				long sent = System.nanoTime();
				group.watch(new Watch(sent, sent, sent + this.timeout.toNanos()));
				String text = Long.toString(sent);
				group.sockets.forEach((socket) -> socket.send(text));
			}
			case "STATS" -> {
				say("STATS frames=%d renewals=%d errors=%d closes=%s", this.frames.getAndSet(0),
						this.renewals.getAndSet(0), this.errors.getAndSet(0), this.closes);
			}
			default -> throw new IllegalArgumentException("Unknown command " + String.join(" ", command));
		}
	}

	/** Ends the watches whose time is up with what arrived so far. */
	private void endOverdueWatches() {
		long now = System.nanoTime();
		for (Group group : this.watched) {
			group.endIfOverdue(now);
		}
	}

	private synchronized void say(String format, Object... args) {
		this.out.printf(format + "%n", args);
	}

	private static String token(String shop) {
		return SessionTokens.sign(shop, Webhooks.SECRET, Instant.now());
	}

	private static Thread daemon(Runnable task) {
		Thread thread = new Thread(task, "socket-fleet");
		thread.setDaemon(true);
		return thread;
	}

	/** What a group's sockets are waited for: each to have seen {@code expected} (an order count, an echo's stamp). */
	private record Watch(long expected, long sent, long deadline) {
	}

	/** A store's sockets, or an echo group of as many. */
	private final class Group {

		private final String key;

		private final String shop;

		private final List<Socket> sockets = new ArrayList<>();

		private Watch watch;

		Group(String key, String shop) {
			this.key = key;
			this.shop = shop;
		}

		synchronized void watch(Watch watch) {
			this.watch = watch;
			SocketFleet.this.watched.add(this);
		}

		/** Ends the watch once every socket has seen what it waits for. */
		synchronized void check() {
			if (this.watch != null && this.sockets.stream().allMatch((socket) -> socket.counted >= this.watch.expected)) {
				end();
			}
		}

		synchronized void endIfOverdue(long now) {
			if (this.watch != null && now - this.watch.deadline > 0) {
				end();
			}
		}

		private void end() {
			long first = Long.MAX_VALUE;
			long last = Long.MIN_VALUE;
			int received = 0;
			for (Socket socket : this.sockets) {
				if (socket.counted >= this.watch.expected) {
					first = Math.min(first, socket.countedAt);
					last = Math.max(last, socket.countedAt);
					received++;
				}
			}
			say("GOT %s %d %d %d %d %d", this.key, this.watch.sent, first, last, received, this.sockets.size());
			this.watch = null;
			SocketFleet.this.watched.remove(this);
		}

	}

	/**
	 * One socket: what it last counted (orders today in a live store's frame, the stamp of an echo) and when that
	 * count first arrived, taken as the whole frame is in, before it is parsed.
	 */
	private final class Socket implements WebSocket.Listener {

		private final Group group;

		private final StringBuilder partial = new StringBuilder();

		private final CompletableFuture<Void> ready = new CompletableFuture<>();

		private volatile WebSocket webSocket;

		private volatile long counted = -1;

		private volatile long countedAt;

		Socket(Group group) {
			this.group = group;
		}

		void send(String text) {
			WebSocket socket = this.webSocket;
			if (socket != null) {
				socket.sendText(text, true).exceptionally((ex) -> {
					SocketFleet.this.errors.incrementAndGet();
					return null;
				});
			}
		}

		void abort() {
			WebSocket socket = this.webSocket;
			if (socket != null) {
				socket.abort();
			}
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			this.webSocket = webSocket;
			webSocket.request(1);
			if (SocketFleet.this.live) {
				SocketFleet.this.timers.scheduleWithFixedDelay(this::renew, RENEW_SECONDS, RENEW_SECONDS,
						TimeUnit.SECONDS);
			}
			else {
				this.ready.complete(null);
			}
		}

		private void renew() {
			if (!webSocket.isOutputClosed()) {
				send(LiveClient.renewal(token(this.group.shop)));
				SocketFleet.this.renewals.incrementAndGet();
			}
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			long at = System.nanoTime();
			this.partial.append(data);
			if (last) {
				String text = this.partial.toString();
				this.partial.setLength(0);
				SocketFleet.this.frames.incrementAndGet();
				long count = SocketFleet.this.live ? ordersToday(text) : Long.parseLong(text);
				if (count >= 0 && count != this.counted) {
					this.countedAt = at;
					this.counted = count;
				}
				if (count >= 0) {
					this.ready.complete(null);
					this.group.check();
				}
			}
			webSocket.request(1);
			return null;
		}

		/** Orders today in a dashboard frame; -1 for any other frame. */
		private long ordersToday(String frame) {
			JsonNode message = SocketFleet.this.json.readTree(frame);
			return DashboardPush.TYPE.equals(message.path("type").asString())
					? message.path("data").path("orders").path("today").asLong() : -1;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			SocketFleet.this.closes.computeIfAbsent(statusCode, (code) -> new AtomicLong()).incrementAndGet();
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			SocketFleet.this.errors.incrementAndGet();
			this.ready.completeExceptionally(error);
		}

	}

	/**
	 * The benchmark's end of a fleet: starts the process, sends it commands and hands each answer to whoever waits for
	 * it. Its error output goes to a log under {@code target/}.
	 */
	static final class Remote implements AutoCloseable {

		private final Process process;

		private final PrintWriter commands;

		private final Map<String, CompletableFuture<String[]>> answers = new ConcurrentHashMap<>();

		private final Path log;

		private final CompletableFuture<String[]> open;

		private Remote(Process process, Path log) {
			this.process = process;
			this.log = log;
			this.open = answer("OPEN");
			this.commands = new PrintWriter(
					new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
			Thread reader = new Thread(this::read, "socket-fleet-answers");
			reader.setDaemon(true);
			reader.start();
		}

		/** Starts a fleet of {@code perStore} sockets for each store, echo sockets unless {@code live}. */
		static Remote start(boolean live, int port, Map<UUID, String> shops, int perStore, Duration timeout)
				throws IOException {
			String mode = live ? "live" : "echo";
			Path stores = Files.createTempFile(Path.of("target"), "socket-fleet-", ".txt");
			Files.write(stores, shops.entrySet().stream().map((store) -> store.getKey() + " " + store.getValue()).toList());
			Path log = Path.of("target", "socket-fleet-" + mode + ".log");
			Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx1536m", "-cp", System.getProperty("java.class.path"), SocketFleet.class.getName(), mode,
					"ws://localhost:" + port, stores.toString(), Integer.toString(perStore),
					Long.toString(timeout.toMillis()))
				.redirectError(log.toFile())
				.start();
			return new Remote(process, log);
		}

		/** Waits until every socket opened or failed to. */
		Opened opened(Duration within) throws Exception {
			String[] open = this.open.get(within.toMillis(), TimeUnit.MILLISECONDS);
			return new Opened(Integer.parseInt(open[1]), Integer.parseInt(open[2]), Integer.parseInt(open[3]),
					Double.parseDouble(open[4]), Long.parseLong(open[5]));
		}

		/** Sets a watch for the store's next order, and returns its outcome once the fleet has it set. */
		CompletableFuture<Arrival> expect(UUID store) throws Exception {
			CompletableFuture<Arrival> arrival = arrival(store);
			CompletableFuture<String[]> armed = answer("ARMED " + store);
			send("EXPECT " + store);
			armed.get(5, TimeUnit.SECONDS);
			return arrival;
		}

		/** Sends a frame on each socket of the group and returns when their echoes came back. */
		CompletableFuture<Arrival> echo(UUID group) {
			CompletableFuture<Arrival> arrival = arrival(group);
			send("ECHO " + group);
			return arrival;
		}

		/** Frames, renewals, errors and closes on the fleet's side since the last call. */
		String stats() throws Exception {
			CompletableFuture<String[]> stats = answer("STATS");
			send("STATS");
			return String.join(" ", stats.get(5, TimeUnit.SECONDS));
		}

		Path log() {
			return this.log;
		}

		@Override
		public void close() throws InterruptedException {
			send("QUIT");
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}

		private CompletableFuture<Arrival> arrival(UUID key) {
			return answer("GOT " + key).thenApply((got) -> new Arrival(Long.parseLong(got[2]), Long.parseLong(got[3]),
					Long.parseLong(got[4]), Integer.parseInt(got[5]), Integer.parseInt(got[6])));
		}

		private CompletableFuture<String[]> answer(String key) {
			return this.answers.computeIfAbsent(key, (k) -> new CompletableFuture<>());
		}

		private void send(String command) {
			synchronized (this.commands) {
				this.commands.println(command);
			}
		}

		private void read() {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					String[] words = line.split(" ");
					String key = words[0].equals("ARMED") || words[0].equals("GOT") ? words[0] + " " + words[1]
							: words[0];
					CompletableFuture<String[]> answer = this.answers.remove(key);
					if (answer != null) {
						answer.complete(words);
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.answers.values()
				.forEach((answer) -> answer.completeExceptionally(
						new IllegalStateException("The socket fleet ended; see " + this.log)));
		}

	}

	/** How the opening went: sockets open, refused at the handshake, failed otherwise; its time and the heap after. */
	record Opened(int opened, int refused, int failed, double seconds, long heapMiB) {
	}

	/**
	 * A watch's outcome: when the frames were sent (0 when the fleet did not send them), when the first and the last
	 * socket received theirs ({@link System#nanoTime}), and how many of how many sockets did.
	 */
	record Arrival(long sent, long first, long last, int received, int sockets) {

		boolean complete() {
			return this.received == this.sockets;
		}

	}

}
