package com.metricsdash.system;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
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
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> HIT = RedisScript.of(ClassPathText.read("redis/rate-limit-hit.lua"),
			List.class);

	private final StringRedisTemplate redis;

	private final LimitProperties properties;

	private final AtMostEvery warnings = new AtMostEvery(Duration.ofMinutes(1));

	/** The reservations of subjects whose limit is counted a thousandth at a time, by Redis key. */
	private final Map<String, Reservation> reservations = new ConcurrentHashMap<>();

	RateLimits(StringRedisTemplate redis, LimitProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/**
	 * Counts a request of {@code subject} against the limit; empty while it is within the limit (or Redis cannot
	 * say), otherwise how the limit was exceeded and when the window ends. A limit of thousands a window is taken
	 * from Redis a thousandth at a time ({@link Reservation}), so that a shop's deliveries cost a round trip to
	 * Redis each a few hundred instead of one each, as the ingest benchmark's profile asked; small limits, which must
	 * be exact, are counted hit by hit.
	 */
	public Optional<Exceeded> hit(Limit limit, String subject) {
		String key = PREFIX + limit.name().toLowerCase(Locale.ROOT) + ":" + subject;
		int allowed = this.properties.allowed(limit);
		int reserved = Math.max(1, allowed / 1_000);
		if (reserved == 1) {
			Counted counted = count(key, 1);
			return (counted == null || counted.total() <= allowed) ? Optional.empty() : exceeded(allowed, counted);
		}
		Reservation reservation = this.reservations.computeIfAbsent(key, (unused) -> new Reservation());
		synchronized (reservation) {
			long now = System.nanoTime();
			if (reservation.left > 0 && now - reservation.until < 0) {
				reservation.left--;
				return Optional.empty();
			}
			Counted counted = count(key, reserved);
			if (counted == null) {
				return Optional.empty();
			}
			long granted = Math.min(reserved, allowed - (counted.total() - reserved));
			if (granted <= 0) {
				reservation.left = 0;
				return exceeded(allowed, counted);
			}
			reservation.left = granted - 1;
			reservation.until = now + TimeUnit.MILLISECONDS.toNanos(counted.windowLeft());
			return Optional.empty();
		}
	}

	/** Adds {@code hits} to the subject's count in this window; {@code null} when Redis cannot be reached. */
	private Counted count(String key, int hits) {
		try {
			List<?> counted = this.redis.execute(HIT, List.of(key), Long.toString(this.properties.window().toMillis()),
					Integer.toString(hits));
			return new Counted((Long) counted.get(0), (Long) counted.get(1));
		}
		catch (DataAccessException ex) {
			if (this.warnings.due()) {
				logger.warn("Redis is unreachable, rate limits are not enforced (and maybe not for the next minute): {}",
						ex.getMessage());
			}
			return null;
		}
	}

	private Optional<Exceeded> exceeded(int allowed, Counted counted) {
		return Optional.of(new Exceeded(allowed, this.properties.window(), Duration.ofMillis(counted.windowLeft())));
	}

	/** A subject's count in the current window, and the milliseconds until the window ends. */
	private record Counted(long total, long windowLeft) {
	}

	/**
	 * Hits of one subject this instance took from Redis and has not used yet, until the window they were counted in
	 * ends. Every instance counts its reservations in the same Redis counter, so all of them together allow no more
	 * than the limit; a reservation an instance leaves unused is lost to the window, at most a thousandth of the
	 * limit each.
	 */
	private static final class Reservation {

		private long left;

		/** When the window of the reserved hits ends, in {@link System#nanoTime}. */
		private long until;

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
