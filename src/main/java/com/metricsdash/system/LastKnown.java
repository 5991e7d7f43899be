package com.metricsdash.system;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.lettuce.core.resource.ClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The last known value of something the app reads from PostgreSQL, kept in Redis so that every instance can still
 * show it while the database cannot be reached. Reads remember what they read, so that a read does not write: an
 * instance writes a key again only when what it holds has changed since this instance last wrote it, or
 * {@link #REFRESHED_EVERY} has passed, whichever comes first. What is recalled may therefore be up to that much older
 * than the last read, and says so (a dashboard carries the time it was worked out). Once Redis is reached again after
 * a lost connection (it may have lost what it held), every key is written at its next read.
 * <p>
 * A read never waits for Redis to take what it remembers: one thread of the instance writes, and a key remembered
 * again before its write went out is written once, with the latest value. So a flash sale, whose figures change with
 * every read, costs a write per key as often as Redis takes them, not one per read; and the read's answer does not
 * wait behind Redis, whose round trips cost the most of a read's waits when the CPU is saturated (the ingest
 * benchmark's profile). Forgetting goes through the same thread, after any write of the key already under way.
 * <p>
 * Only ever a fallback, so it is best effort: Redis being down must not
 * fail a request that merely wanted to remember something, nor one that asked for a fallback; such failures count as
 * nothing remembered and are logged at most once a minute, however many requests run into them.
 */
@Component
public class LastKnown implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(LastKnown.class);

	private static final String PREFIX = "metricsdash:last:";

	/** Through a long outage (a weekend's), and no longer: by then what is shown says how old it is. */
	static final Duration KEPT_FOR = Duration.ofDays(3);

	/** How long an instance leaves a key it wrote alone while what it holds stays the same. */
	public static final Duration REFRESHED_EVERY = Duration.ofMinutes(1);


	private final StringRedisTemplate redis;

	private final AtMostEvery warnings = new AtMostEvery(Duration.ofMinutes(1));

	/** What this instance last wrote under each key, and when. */
	private final Map<String, Written> written = new ConcurrentHashMap<>();

	/** What is to be written under each key, the latest remembered; a key is in it once, with one write queued. */
	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	/** The one thread that writes, in the order keys were remembered and forgotten. */
	private final ExecutorService writer = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "last-known");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Forgets what was written whenever Lettuce tries to reconnect, which it does only after it lost a connection
	 * to Redis: Redis may come back without what it held. Keys are then written at their next read once it is back.
	 */
	private final Disposable reconnections;

	LastKnown(StringRedisTemplate redis, ClientResources lettuce) {
		this.redis = redis;
		this.reconnections = lettuce.eventBus()
			.get()
			.filter(ReconnectAttemptEvent.class::isInstance)
			.subscribe((reconnecting) -> this.written.clear());
	}

	/**
	 * Whether a read failed because PostgreSQL cannot be reached: no connection within the pool's timeout, or one that
	 * broke under the read, which may surface as the failed rollback that followed, carrying the read's own failure.
	 */
	public static boolean databaseUnreachable(RuntimeException ex) {
		Throwable failure = (ex instanceof TransactionSystemException rollback
				&& rollback.getApplicationException() != null) ? rollback.getApplicationException() : ex;
		return failure instanceof DataAccessResourceFailureException
				|| failure instanceof CannotCreateTransactionException;
	}

	/**
	 * Keeps {@code value} under {@code key} for {@link #KEPT_FOR}, replacing what was there, unless this instance wrote
	 * the same {@code content} there within {@link #REFRESHED_EVERY}: then nothing is written, and {@code value} is not
	 * even worked out. Returns at once: the write follows on the writer's thread.
	 * @param content what the value says, compared with {@link Object#equals}: a record of the figures, without the
	 * moment they were read
	 */
	public void remember(String key, Object content, Supplier<String> value) {
		if (unchanged(key, content)) {
			return;
		}
		if (this.pending.put(key, new Pending(content, value)) == null) {
			this.writer.execute(() -> write(key));
		}
	}

	/** Whether this instance wrote the same content under the key within {@link #REFRESHED_EVERY}. */
	private boolean unchanged(String key, Object content) {
		Written last = this.written.get(key);
		return last != null && last.content().equals(content)
				&& System.nanoTime() - last.at() < REFRESHED_EVERY.toNanos();
	}

	/** Writes the key's latest value, unless a write of the same content went out meanwhile. */
	private void write(String key) {
		Pending latest = this.pending.remove(key);
		if (latest == null || unchanged(key, latest.content())) {
			return;
		}
		try {
			this.redis.opsForValue().set(PREFIX + key, latest.value().get(), KEPT_FOR);
			this.written.put(key, new Written(latest.content(), System.nanoTime()));
		}
		catch (DataAccessException ex) {
			failed("remember " + key, ex);
		}
	}

	/** The value last kept under {@code key}; empty when none is, or Redis cannot say. */
	public Optional<String> recall(String key) {
		try {
			return Optional.ofNullable(this.redis.opsForValue().get(PREFIX + key));
		}
		catch (DataAccessException ex) {
			failed("recall " + key, ex);
			return Optional.empty();
		}
	}

	/**
	 * Drops what is kept under the keys, once it no longer holds (an uninstalled store's); on the writer's thread, after
	 * any write of them already under way, and instead of any still waiting.
	 */
	public void forget(String... keys) {
		Arrays.stream(keys).forEach(this.pending::remove);
		this.writer.execute(() -> {
			Arrays.stream(keys).forEach(this.written::remove);
			try {
				this.redis.delete(Arrays.stream(keys).map((key) -> PREFIX + key).toList());
			}
			catch (DataAccessException ex) {
				failed("forget " + String.join(", ", keys), ex);
			}
		});
	}

	private void failed(String what, DataAccessException ex) {
		if (this.warnings.due()) {
			logger.warn("Redis is unreachable, could not {} (and maybe more in the next minute): {}", what,
					ex.getMessage());
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		this.reconnections.dispose();
		this.writer.shutdown();
		this.writer.awaitTermination(5, TimeUnit.SECONDS);
	}

	/** What was written under a key, and when, in {@link System#nanoTime}. */
	private record Written(Object content, long at) {
	}

	/** A value remembered and not yet written: what it says, and how to work it out. */
	private record Pending(Object content, Supplier<String> value) {
	}

}
