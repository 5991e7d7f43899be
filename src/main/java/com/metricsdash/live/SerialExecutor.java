package com.metricsdash.live;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs its tasks one after another, in the order they were given, on threads of a shared pool: one socket's frames
 * stay in publish order, while a socket that blocks holds up only its own queue.
 */
final class SerialExecutor implements Executor {

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean draining = new AtomicBoolean();

	private final Executor pool;

	SerialExecutor(Executor pool) {
		this.pool = pool;
	}

	@Override
	public void execute(Runnable task) {
		this.tasks.add(task);
		schedule();
	}

	private void schedule() {
		if (this.draining.compareAndSet(false, true)) {
			this.pool.execute(this::drain);
		}
	}

	private void drain() {
		try {
			for (Runnable task = this.tasks.poll(); task != null; task = this.tasks.poll()) {
				task.run();
			}
		}
		finally {
			this.draining.set(false);
			if (!this.tasks.isEmpty()) {
				schedule();
			}
		}
	}

}
