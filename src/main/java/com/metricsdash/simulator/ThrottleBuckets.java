package com.metricsdash.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Shopify's leaky bucket, one per shop (the simulator serves one app): a query takes its requested cost if that much
 * is available, gives back what it did not use, and the bucket refills at the restore rate. Size and rate come from
 * {@link SimulatorProperties}; {@link #configure} sets them for one shop, so a test can have a tiny bucket.
 */
@Component
@ConditionalOnSimulator
class ThrottleBuckets {

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final SimulatorProperties properties;

	private final Clock clock;

	ThrottleBuckets(SimulatorProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/** Gives one shop its own bucket size and restore rate, starting full. */
	void configure(SimShop shop, int size, int restoreRate) {
		this.buckets.put(shop.domain(), new Bucket(size, restoreRate, this.clock.instant()));
	}

	/** Takes {@code cost} points if available; false (and nothing taken) when the query is throttled. */
	boolean take(SimShop shop, int cost) {
		return bucket(shop).take(cost, this.clock.instant());
	}

	/** Empties the shop's bucket, as a burst of other queries of the app would. */
	void drain(SimShop shop) {
		bucket(shop).drain(this.clock.instant());
	}

	void giveBack(SimShop shop, int points) {
		bucket(shop).giveBack(points, this.clock.instant());
	}

	/** {@code throttleStatus} as Shopify reports it. */
	Map<String, Object> status(SimShop shop) {
		return bucket(shop).status(this.clock.instant());
	}

	private Bucket bucket(SimShop shop) {
		return this.buckets.computeIfAbsent(shop.domain(),
				(domain) -> new Bucket(this.properties.bucketSize(), this.properties.restoreRate(),
						this.clock.instant()));
	}

	private static final class Bucket {

		private final int size;

		private final int restoreRate;

		private double available;

		private Instant at;

		Bucket(int size, int restoreRate, Instant now) {
			this.size = size;
			this.restoreRate = restoreRate;
			this.available = size;
			this.at = now;
		}

		synchronized boolean take(int cost, Instant now) {
			restore(now);
			if (cost > this.available) {
				return false;
			}
			this.available -= cost;
			return true;
		}

		synchronized void drain(Instant now) {
			restore(now);
			this.available = 0;
		}

		synchronized void giveBack(int points, Instant now) {
			restore(now);
			this.available = Math.min(this.size, this.available + points);
		}

		synchronized Map<String, Object> status(Instant now) {
			restore(now);
			Map<String, Object> status = new LinkedHashMap<>();
			status.put("maximumAvailable", (double) this.size);
			status.put("currentlyAvailable", (int) this.available);
			status.put("restoreRate", (double) this.restoreRate);
			return status;
		}

		private void restore(Instant now) {
			double seconds = Math.max(0, Duration.between(this.at, now).toNanos() / 1e9);
			this.available = Math.min(this.size, this.available + seconds * this.restoreRate);
			this.at = now;
		}

	}

}
