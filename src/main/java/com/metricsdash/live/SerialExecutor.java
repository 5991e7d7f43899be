package com.metricsdash.live;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs its tasks one after another, in the order they were given, on threads of a shared pool: one socket's frames
 * stay in publish order, while a socket that blocks holds up only its own queue. It asks the pool for a thread only
 * when it has none, so it takes one place at most in the pool's queue; a pool that has no room refuses the task, and
 * {@link #execute} throws the pool's {@link RejectedExecutionException} for the caller to give up on what is queued.
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
		if (this.draining.compareAndSet(false, true)) {
			try {
				this.pool.execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				this.draining.set(false);
				throw ex;
			}
		}
	}

	/**
	 * Runs what is queued, and goes on in the same thread when a task came in just as the queue ran dry (its
	 * {@link #execute} saw this drain still running), rather than asking the pool again from inside it, where a
	 * refusal would have nobody to tell.
	 */
	private void drain() {
		do {
			try {
				for (Runnable task = this.tasks.poll(); task != null; task = this.tasks.poll()) {
					task.run();
				}
			}
			finally {
				this.draining.set(false);
			}
		}
		while (!this.tasks.isEmpty() && this.draining.compareAndSet(false, true));
	}

}
