package com.metricsdash.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Rate limits shared by every instance: a fixed window per limit and subject (a client's address, a token, a shop, a
 * store), counted in Redis by one script that increments the counter and starts the window's expiry on its first hit,
 * so no two instances or threads can both take the last request of a window. A burst at a window's edge may get up
 * to twice the limit within one window's length; that is the price of one counter per subject, and the limits are set
 * far above honest use for it.
 * <p>
 * When Redis cannot be reached, every hit is allowed (logged at most once a minute), for every limit:
 * <ul>
 * <li>webhooks: a refused delivery is one Shopify retries for hours and counts towards deleting the subscription, so
 * a Redis outage must never cost a delivery;</li>
 * <li>the API and the live sockets of embedded pages are built to keep working without Redis (see
 * {@link LastKnown}); locking them out would turn a Redis outage into an outage of the app. Meanwhile the limits that
 * need no Redis still hold: the cap on open sockets per store and the bounded sender pool of each instance;</li>
 * <li>{@code /auth} keeps its state nonce in the Redis-backed session, so an install fails without Redis anyway.</li>
 * </ul>
 */
@Component
public class RateLimits {

	/** What is limited, per what subject. */
	public enum Limit {

		/** OAuth starts and callbacks, per client address. */
		AUTH,

		/** JSON API requests, per bearer token. */
		API,

		/** Signed webhook deliveries, per shop. */
		WEBHOOKS,

		/** Live-socket handshakes, per store. */
		HANDSHAKES

	}

	private static final Logger logger = LoggerFactory.getLogger(RateLimits.class);

	private static final String PREFIX = "metricsdash:limit:";

	/**
	 * The script's text, read once: a script read from a resource is looked at again before every call (whether it
	 * changed), which scanned the class path on every request.
	 */
	private static final String HIT = ClassPathText.read("redis/rate-limit-hit.lua");

	/** The digest by which Redis knows the script (EVALSHA). */
	private static final String HIT_SHA = Digests.hex("SHA-1", HIT);

	/**
	 * A limit of at least this many hits a window is counted ahead ({@link Count}); a smaller one is counted hit by hit
	 * and waits for Redis, so that it holds exactly across instances.
	 */
	private static final int COUNTED_AHEAD_FROM = 100;

	/**
	 * Its shared connection, through Lettuce's own asynchronous commands: the reactive template wrapped each count in
	 * a dozen Reactor operators, which took most of what counting cost the intake (the ingest benchmark's profile).
	 */
	private final LettuceConnectionFactory redis;

	private final LimitProperties properties;

	private final AtMostEvery warnings = new AtMostEvery(Duration.ofMinutes(1));

	/** What this instance knows of the counts of subjects whose limit is counted ahead, by Redis key. */
	private final Map<String, Count> counts = new ConcurrentHashMap<>();

	/** When {@link #counts} is next swept of the subjects whose window ended, in {@link System#nanoTime}. */
	private volatile long nextSweep = System.nanoTime();

	RateLimits(LettuceConnectionFactory redis, LimitProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/**
	 * Counts a request of {@code subject} against the limit; empty while it is within the limit (or Redis cannot
	 * say), otherwise how the limit was exceeded and when the window ends.
	 * <p>
	 * A small limit must hold exactly: each hit waits for Redis's count. A limit of {@value #COUNTED_AHEAD_FROM} or more
	 * (the API's per token, webhooks' per shop) is counted ahead: while what this instance knows of the count stays
	 * below nine tenths of the limit, and fewer than a hundredth of the limit of its hits are not yet confirmed by
	 * Redis, a hit is allowed at once and counted in Redis without waiting; the hits of a subject that arrive while its
	 * count is on its way are sent together once the answer is back. The ingest benchmark's profile showed why: with
	 * both cores saturated, each wait for Redis took longer than the rest of a dashboard read. Otherwise a hit waits for
	 * Redis, as a small limit's does. So an instance never allows more than the limit (its hits reach Redis in the
	 * order it sends them, over its one connection), and all instances together at most a hundredth of the limit more
	 * each, when another instance's unconfirmed hits take the count past it. A subject known to be over its limit is
	 * refused without asking Redis.
	 */
	public Optional<Exceeded> hit(Limit limit, String subject) {
		String key = PREFIX + limit.name().toLowerCase(Locale.ROOT) + ":" + subject;
		int allowed = this.properties.allowed(limit);
		if (allowed < COUNTED_AHEAD_FROM) {
			Counted counted = count(key, 1);
			return (counted == null || counted.total() <= allowed) ? Optional.empty() : exceeded(allowed, counted);
		}
		long now = System.nanoTime();
		sweep(now);
		Count count = this.counts.computeIfAbsent(key, (unused) -> new Count());
		long hits;
		boolean ahead;
		synchronized (count) {
			count.windowEndedBy(now);
			if (count.known >= allowed) {
				return exceeded(allowed, new Counted(count.known, TimeUnit.NANOSECONDS.toMillis(count.ends - now)));
			}
			long unconfirmed = count.unsent + count.sending;
			ahead = unconfirmed < allowed / 100 && count.known + unconfirmed < allowed - allowed / 10;
			if (ahead && count.sending > 0) {
				count.unsent++;
				return Optional.empty();
			}
			hits = count.unsent + 1;
			count.unsent = 0;
			if (ahead) {
				count.sending = hits;
			}
		}
		if (ahead) {
			// sent outside the lock, which the answer takes on the Redis client's thread
			sendAhead(key, count, hits);
			return Optional.empty();
		}
		Counted counted = count(key, hits);
		if (counted == null) {
			return Optional.empty();
		}
		synchronized (count) {
			count.learn(counted, System.nanoTime());
		}
		// hits counted ahead were sent before, over the instance's one connection, so Redis counted them first
		return (counted.total() <= allowed) ? Optional.empty() : exceeded(allowed, counted);
	}

	/** Adds {@code hits} to the subject's count in this window; {@code null} when Redis cannot be reached. */
	private Counted count(String key, long hits) {
		try {
			return script(key, hits).get(this.redis.getTimeout(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			unreachable(ex);
			return null;
		}
	}

	/** Sends hits counted ahead; once the answer is back, what it says is learnt and the hits since are sent. */
	private void sendAhead(String key, Count count, long hits) {
		CompletableFuture<Counted> sent;
		try {
			sent = script(key, hits);
		}
		catch (RuntimeException ex) {
			sent = CompletableFuture.failedFuture(ex);
		}
		sent.whenComplete((counted, ex) -> {
			if (ex != null) {
				unreachable(ex);
			}
			answered(key, count, counted);
		});
	}

	private void answered(String key, Count count, Counted counted) {
		long next;
		synchronized (count) {
			if (counted != null) {
				count.learn(counted, System.nanoTime());
			}
			next = count.unsent;
			count.sending = next;
			count.unsent = 0;
		}
		if (next > 0) {
			sendAhead(key, count, next);
		}
	}

	/**
	 * The script by its digest, or by its text when Redis does not hold it yet (after a restart, say), as Spring
	 * Data's script executor does; over the instance's one shared connection, so hits reach Redis in the order sent.
	 */
	private CompletableFuture<Counted> script(String key, long hits) {
		byte[][] keys = { key.getBytes(StandardCharsets.UTF_8) };
		byte[] window = Long.toString(this.properties.window().toMillis()).getBytes(StandardCharsets.UTF_8);
		byte[] added = Long.toString(hits).getBytes(StandardCharsets.UTF_8);
		try (RedisConnection connection = this.redis.getConnection()) {
			RedisClusterAsyncCommands<byte[], byte[]> commands = ((LettuceConnection) connection).getNativeConnection();
			return commands.<List<Long>>evalsha(HIT_SHA, ScriptOutputType.MULTI, keys, window, added)
				.toCompletableFuture()
				.exceptionallyCompose((ex) -> (ex instanceof RedisNoScriptException
						|| ex.getCause() instanceof RedisNoScriptException)
								? commands.<List<Long>>eval(HIT, ScriptOutputType.MULTI, keys, window, added)
									.toCompletableFuture()
								: CompletableFuture.failedFuture(ex))
				.thenApply(RateLimits::counted);
		}
	}

	private static Counted counted(List<Long> answer) {
		return new Counted(answer.get(0), answer.get(1));
	}

	private void unreachable(Throwable ex) {
		if (this.warnings.due()) {
			logger.warn("Redis is unreachable, rate limits are not enforced (and maybe not for the next minute): {}",
					ex.getMessage());
		}
	}

	/** Drops, once a window, what is known of subjects whose window ended with nothing left to send. */
	private void sweep(long now) {
		long due = this.nextSweep;
		if (now - due < 0) {
			return;
		}
		this.nextSweep = now + this.properties.window().toNanos();
		this.counts.values().removeIf((count) -> count.idleBy(now));
	}

	private Optional<Exceeded> exceeded(int allowed, Counted counted) {
		return Optional.of(new Exceeded(allowed, this.properties.window(),
				Duration.ofMillis(Math.max(0, counted.windowLeft()))));
	}

	/** A subject's count in the current window, and the milliseconds until the window ends. */
	private record Counted(long total, long windowLeft) {
	}

	/**
	 * What this instance knows of a subject's count, for a limit counted ahead; guarded by itself. {@code known}
	 * is the highest count Redis answered in the window that ends at {@code ends} (0 when no window is known), and
	 * this instance's hits are either in it, on their way to Redis ({@code sending}), or waiting for that answer
	 * before they are sent ({@code unsent}).
	 */
	private static final class Count {

		private long known;

		/** When the known window ends, in {@link System#nanoTime}. */
		private long ends;

		private long sending;

		private long unsent;

		void learn(Counted counted, long now) {
			this.known = Math.max(this.known, counted.total());
			this.ends = now + TimeUnit.MILLISECONDS.toNanos(counted.windowLeft());
		}

		/** Forgets the count once its window has ended: the next hit starts a new one. */
		void windowEndedBy(long now) {
			if (this.known > 0 && now - this.ends >= 0) {
				this.known = 0;
			}
		}

		boolean idleBy(long now) {
			synchronized (this) {
				return this.sending == 0 && this.unsent == 0 && now - this.ends >= 0;
			}
		}

	}

	/**
	 * A request over its limit.
	 *
	 * @param allowed the requests a window allows
	 * @param window the window's length
	 * @param retryAfter how long until the current window ends
	 */
	public record Exceeded(int allowed, Duration window, Duration retryAfter) {

		/** The {@code Retry-After} header's value: whole seconds, at least 1. */
		public long retryAfterSeconds() {
			return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
		}

		/** E.g. "at most 600 requests every 60 seconds; try again in 42 seconds". */
		public String sentence() {
			return "at most " + this.allowed + " requests every " + this.window.toSeconds() + " seconds; try again in "
					+ retryAfterSeconds() + " seconds";
		}

	}

}
