package com.metricsdash.system;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs an action for a store at most once per window however often the store changes: the first change runs it at
 * once, and every change within the window after a run is merged into one run at the window's end. A run reads the
 * data when it starts, so a merged run shows every change made before it. Runs happen on the coalescer's own threads,
 * never on the thread that reported the change (an order's webhook). Used by every feature that reacts to a store's
 * changes after commit: the dashboard's push and the alerts' evaluation.
 */
public final class Coalescer implements AutoCloseable {

	private final long windowNanos;

	private final Consumer<UUID> action;

	private final ScheduledExecutorService scheduler;

	/** When each store may run next, in {@link System#nanoTime()}; guarded by {@code this}. */
	private final Map<UUID, Long> nextRun = new HashMap<>();

	/** The stores with a run waiting; guarded by {@code this}. */
	private final Set<UUID> waiting = new HashSet<>();

	/** @param name names the coalescer's threads, e.g. {@code dashboard-push} */
	public Coalescer(String name, Duration window, int threads, Consumer<UUID> action) {
		this.windowNanos = window.toNanos();
		this.action = action;
		this.scheduler = Executors.newScheduledThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		});
	}

	/** The store changed: runs the action now, or at the end of the window if it ran within it. */
	public void changed(UUID storeId) {
		long delay;
		synchronized (this) {
			if (!this.waiting.add(storeId)) {
				return;
			}
			Long next = this.nextRun.get(storeId);
			delay = (next != null) ? Math.max(0, next - System.nanoTime()) : 0;
		}
		this.scheduler.schedule(() -> run(storeId), delay, TimeUnit.NANOSECONDS);
	}

	private void run(UUID storeId) {
		synchronized (this) {
			this.waiting.remove(storeId);
			this.nextRun.put(storeId, System.nanoTime() + this.windowNanos);
		}
		this.action.accept(storeId);
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
