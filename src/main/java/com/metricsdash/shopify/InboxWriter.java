package com.metricsdash.shopify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

import com.metricsdash.system.LastKnown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Stores the deliveries that arrive at the same moment with one statement and one commit: each request hands its
 * delivery over and waits until it is committed, so the intake still answers 200 only for a delivery that is durable.
 * One thread writes, taking every delivery waiting when it is free ({@value #MOST_AT_ONCE} at most); a delivery that
 * comes while a write is under way goes with the next. Before, each delivery was an insert and a commit of its own,
 * on a connection of its own: the ingest benchmark's intake threads queued for the pool's connections, and
 * PostgreSQL spent more on the transactions than on the rows.
 * <p>
 * When the statement fails because PostgreSQL cannot be reached, every delivery of it fails so (the intake answers 503
 * and Shopify retries). When it fails otherwise, a delivery that PostgreSQL refuses must not take the others down with
 * it: they are stored one by one, and only the refused one fails.
 */
@Component
class InboxWriter implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(InboxWriter.class);

	private static final int MOST_AT_ONCE = 100;

	private final WebhookInbox inbox;

	/** Bounded by the intake, which lets {@link WebhookProperties#intakeConcurrency} deliveries in at once. */
	private final BlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>();

	private final Thread writer;

	InboxWriter(WebhookInbox inbox) {
		this.inbox = inbox;
		this.writer = new Thread(this::write, "inbox-writer");
		this.writer.setDaemon(true);
		this.writer.start();
	}

	/**
	 * Stores the delivery, once committed; {@code false} when the same delivery (its webhook id) was stored before.
	 * @throws RuntimeException what storing it failed with
	 */
	boolean store(WebhookInbox.Delivery delivery) {
		Waiting entry = new Waiting(delivery, new CompletableFuture<>());
		this.waiting.add(entry);
		try {
			return entry.stored().join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException failure) ? failure : ex;
		}
	}

	private void write() {
		List<Waiting> batch = new ArrayList<>();
		while (!Thread.currentThread().isInterrupted()) {
			try {
				batch.add(this.waiting.take());
			}
			catch (InterruptedException ex) {
				return;
			}
			this.waiting.drainTo(batch, MOST_AT_ONCE - 1);
			try {
				store(batch);
			}
			catch (RuntimeException ex) {
				if (batch.size() == 1 || LastKnown.databaseUnreachable(ex)) {
					batch.forEach((entry) -> entry.stored().completeExceptionally(ex));
				}
				else {
					logger.debug("Storing {} deliveries at once failed, storing them one by one: {}", batch.size(),
							ex.getMessage());
					batch.forEach(this::storeAlone);
				}
			}
			catch (Error ex) {
				// the intake must not wait for good on a writer that died: these deliveries fail, the next are tried
				logger.error("Storing {} deliveries failed", batch.size(), ex);
				batch.forEach((entry) -> entry.stored().completeExceptionally(ex));
			}
			batch.clear();
		}
	}

	private void storeAlone(Waiting entry) {
		try {
			store(List.of(entry));
		}
		catch (RuntimeException ex) {
			entry.stored().completeExceptionally(ex);
		}
	}

	/** A delivery repeated within the batch is stored once: its first entry is the one stored. */
	private void store(List<Waiting> batch) {
		Set<String> stored = new HashSet<>(this.inbox.add(batch.stream().map(Waiting::delivery).toList()));
		for (Waiting entry : batch) {
			entry.stored().complete(stored.remove(entry.delivery().webhookId()));
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		this.writer.interrupt();
		this.writer.join(5_000);
	}

	private record Waiting(WebhookInbox.Delivery delivery, CompletableFuture<Boolean> stored) {
	}

}
