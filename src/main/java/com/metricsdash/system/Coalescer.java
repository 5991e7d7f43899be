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
 * data when it starts, so a merged run shows every change made before it. A store's runs never overlap: a change made
 * while its run is under way waits for that run to end (and for the window), so runs, and what they push, follow each
 * other in order, however slow one is. Runs happen on the coalescer's own threads, never on the thread that reported
 * the change (an order's webhook). Used by every feature that reacts to a store's changes after commit: the
 * dashboard's push and the alerts' evaluation.
 */
public final class Coalescer implements AutoCloseable {

	private final long windowNanos;

	private final Consumer<UUID> action;

	private final ScheduledExecutorService scheduler;

	/** When each store may run next, in {@link System#nanoTime()}; guarded by {@code this}. */
	private final Map<UUID, Long> nextRun = new HashMap<>();

	/** The stores with a run waiting; guarded by {@code this}. */
	private final Set<UUID> waiting = new HashSet<>();

	/** The stores with a run under way; guarded by {@code this}. */
	private final Set<UUID> running = new HashSet<>();

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

	/**
	 * The store changed: runs the action now, or at the end of the window if it ran within it, or once its run under
	 * way ends.
	 */
	public void changed(UUID storeId) {
		synchronized (this) {
			if (!this.waiting.add(storeId) || this.running.contains(storeId)) {
				return;
			}
		}
		schedule(storeId);
	}

	private void schedule(UUID storeId) {
		long delay;
		synchronized (this) {
			Long next = this.nextRun.get(storeId);
			delay = (next != null) ? Math.max(0, next - System.nanoTime()) : 0;
		}
		this.scheduler.schedule(() -> run(storeId), delay, TimeUnit.NANOSECONDS);
	}

	private void run(UUID storeId) {
		synchronized (this) {
			this.waiting.remove(storeId);
			this.running.add(storeId);
			this.nextRun.put(storeId, System.nanoTime() + this.windowNanos);
		}
		try {
			this.action.accept(storeId);
		}
		finally {
			boolean changedMeanwhile;
			synchronized (this) {
				this.running.remove(storeId);
				changedMeanwhile = this.waiting.contains(storeId);
			}
			if (changedMeanwhile) {
				schedule(storeId);
			}
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
