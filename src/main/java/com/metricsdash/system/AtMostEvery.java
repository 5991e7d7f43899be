package com.metricsdash.system;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets something happen at most once per interval however often it is asked for, across threads: for a warning that
 * every request or every run of a job would otherwise repeat while an outage lasts.
 */
final class AtMostEvery {

	private final long intervalNanos;

	/** When it may happen next, in {@link System#nanoTime()}. */
	private final AtomicLong next = new AtomicLong(System.nanoTime());

	AtMostEvery(Duration interval) {
		this.intervalNanos = interval.toNanos();
	}

	/** Whether it may happen now; if so, not again until the interval has passed. */
	boolean due() {
		long now = System.nanoTime();
		long at = this.next.get();
		return now - at >= 0 && this.next.compareAndSet(at, now + this.intervalNanos);
	}

}
