package com.metricsdash.system;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What an instance read from PostgreSQL and keeps, by key, until a change to the rows behind it is announced on
 * {@code channel} ({@link DatabaseChanges}), made by whichever instance, tool or script. Nothing is kept or trusted
 * while the instance is not listening, everything is dropped when it starts listening again, and a value read while a
 * change was announced is not kept, since it may be the row from before the change.
 * <p>
 * For what is read often and changes seldom, where each round trip to PostgreSQL costs a wait to be scheduled on a
 * saturated machine. A change is seen by another instance within the milliseconds its announcement takes; the
 * instance that made it drops what it kept itself ({@link #forget}) once the change is committed.
 *
 * @param <K> the key
 * @param <V> what is kept
 */
public final class KeptRows<K, V> {

	private final DatabaseChanges changes;

	private final Changed<K, V> changed;

	private final Map<K, V> kept = new ConcurrentHashMap<>();

	/** Counts the announcements: a value read while one arrived is not kept. */
	private final AtomicLong announced = new AtomicLong();

	/**
	 * @param changed whether an announcement's payload concerns a kept entry
	 */
	public KeptRows(DatabaseChanges changes, String channel, Changed<K, V> changed) {
		this.changes = changes;
		this.changed = changed;
		changes.listen(channel, this::announced);
	}

	/** What is kept under the key, or else what {@code read} reads, kept if present. */
	public Optional<V> get(K key, Supplier<Optional<V>> read) {
		return get(key, (known) -> true, read);
	}

	/**
	 * What is kept under the key when it answers what is asked ({@code usable}), or else what {@code read} reads, kept
	 * in its place if present.
	 */
	public Optional<V> get(K key, Predicate<V> usable, Supplier<Optional<V>> read) {
		V known = this.kept.get(key);
		boolean trusted = this.changes.listening();
		if (known != null && trusted && usable.test(known)) {
			return Optional.of(known);
		}
		long before = this.announced.get();
		Optional<V> found = read.get();
		if (found.isPresent() && trusted && this.announced.get() == before) {
			this.kept.put(key, found.get());
		}
		return found;
	}

	/** Drops what the payload concerns, as if its change had been announced. */
	public void forget(String payload) {
		announced(Optional.of(payload));
	}

	/**
	 * Drops what the payload concerns once the caller's transaction commits (a value read before that would be the
	 * row from before the change), or at once when there is none.
	 */
	public void forgetOnCommit(String payload) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			forget(payload);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				forget(payload);
			}

		});
	}

	private void announced(Optional<String> payload) {
		this.announced.incrementAndGet();
		if (payload.isEmpty()) {
			this.kept.clear();
		}
		else {
			this.kept.entrySet().removeIf((entry) -> this.changed.concerns(payload.get(), entry.getKey(), entry.getValue()));
		}
	}

	/** Whether a change announced with a payload concerns a kept entry. */
	@FunctionalInterface
	public interface Changed<K, V> {

		boolean concerns(String payload, K key, V value);

	}

}
