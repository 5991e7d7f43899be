package com.metricsdash.live;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The subscription to the live channel, which an instance can start without. Spring's container fails its start, and
 * so the application's, when Redis does not answer at once (a restart during a Redis outage, or a Redis slow to
 * answer on a busy machine); once subscribed, it recovers from a lost connection on its own. Here a failed start
 * leaves the instance running as it runs during an outage (dashboards from PostgreSQL, pushes kept on this instance)
 * and is tried again every {@link #RETRIED_AFTER} until the subscription holds.
 */
class LiveSubscription extends RedisMessageListenerContainer {

	private static final Logger logger = LoggerFactory.getLogger(LiveSubscription.class);

	private static final Duration RETRIED_AFTER = Duration.ofSeconds(2);

	private volatile boolean wanted;

	@Override
	public void start() {
		this.wanted = true;
		try {
			super.start();
		}
		catch (RuntimeException ex) {
			logger.warn("Not subscribed to live updates from other instances, tried again every {} s: {}",
					RETRIED_AFTER.toSeconds(), ex.getMessage());
			Thread retries = new Thread(this::retryWhileWanted, "live-subscription");
			retries.setDaemon(true);
			retries.start();
		}
	}

	@Override
	public synchronized void stop(Runnable callback) {
		this.wanted = false;
		super.stop(callback);
	}

	private void retryWhileWanted() {
		while (this.wanted && !isListening()) {
			try {
				Thread.sleep(RETRIED_AFTER.toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
			retry();
		}
	}

	/** Synchronized with {@link #stop(Runnable)}, so that a retry cannot start the subscription again after it. */
	private synchronized void retry() {
		if (!this.wanted || isListening()) {
			return;
		}
		super.stop(() -> {
		});
		try {
			super.start();
			logger.info("Subscribed to live updates from other instances");
		}
		catch (RuntimeException ex) {
			logger.debug("Still not subscribed to live updates: {}", ex.getMessage());
		}
	}

}
