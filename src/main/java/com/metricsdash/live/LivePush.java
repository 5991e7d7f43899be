package com.metricsdash.live;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.metricsdash.security.ApiTokenRevoked;
import com.metricsdash.shop.StoreUninstalled;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What every live widget pushes through: a change is rendered once per store and the same frame goes to every open
 * page of that store, on every instance. Widgets render their fragments themselves; this only delivers them.
 */
@Service
public class LivePush implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(LivePush.class);

	private final LiveChannel channel;

	private final LiveSockets sockets;

	private final ObjectMapper json;

	/** The stores whose change waits to be announced to the other instances: once each, however often it changed. */
	private final Set<UUID> unannounced = ConcurrentHashMap.newKeySet();

	/** Whether the announcer has been asked to announce what waits and has not yet taken it. */
	private final AtomicBoolean announcing = new AtomicBoolean();

	/** Announces changes to the other instances, on a thread of its own, off the threads that made them. */
	private final ExecutorService announcer;

	LivePush(LiveChannel channel, LiveSockets sockets, ObjectMapper json) {
		this.channel = channel;
		this.sockets = sockets;
		this.json = json;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("live-announce-");
		threads.setDaemon(true);
		this.announcer = Executors.newSingleThreadExecutor(threads);
	}

	/** Sends the message to every open socket of the store, on every instance. */
	public void publish(UUID storeId, LiveMessage message) {
		this.channel.broadcast(render(storeId, message));
	}

	/**
	 * Tells every instance that the store's data changed: each one holding a page of the store hears it as
	 * {@link LiveChanged} and renders for its own sockets, so a change of a store nobody watches costs a short message
	 * and no rendering.
	 * <p>
	 * This instance hears it at once; the others soon, through Redis, in one message for every store that changed
	 * while the last one was on its way. So the webhook worker that applied an order goes on with the next batch rather
	 * than wait for Redis (the whole command timeout, when Redis is slow), and neither this instance's pages nor the
	 * other stores' changes wait for Redis's answer to the change before: with 100 stores selling at once (the ingest
	 * benchmark), announcing each change in a message of its own, one after the other, kept the announcer waiting for
	 * Redis nearly all the time, and every store's push waited its turn in that queue.
	 */
	public void announce(UUID storeId) {
		try {
			this.channel.changedHere(storeId);
		}
		catch (RuntimeException ex) {
			// the caller made the change and committed it: a push that fails must not fail it too
			logger.warn("Could not tell this instance's pages of the change of store {}", storeId, ex);
		}
		this.unannounced.add(storeId);
		if (!this.announcing.compareAndSet(false, true)) {
			return;
		}
		try {
			this.announcer.execute(this::announceWaiting);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Not announcing the change of store {}: the instance is shutting down", storeId);
		}
	}

	private void announceWaiting() {
		this.announcing.set(false);
		List<UUID> stores = new ArrayList<>();
		for (Iterator<UUID> waiting = this.unannounced.iterator(); waiting.hasNext();) {
			stores.add(waiting.next());
			waiting.remove();
		}
		if (stores.isEmpty()) {
			return;
		}
		try {
			this.channel.announceElsewhere(stores);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not announce the change of {} stores", stores.size(), ex);
		}
	}

	/** Sends the message to every open socket of the store on this instance, as an answer to {@link LiveChanged}. */
	public void publishHere(UUID storeId, LiveMessage message) {
		this.sockets.deliver(render(storeId, message));
	}

	/**
	 * Sends the message to one socket of this instance, e.g. the fresh fragments answering its {@link LiveConnected};
	 * nothing happens when it has closed meanwhile.
	 */
	public void sendTo(String sessionId, LiveMessage message) {
		this.sockets.deliver(sessionId, render(null, message));
	}

	/** A store that removed the app gets no more pushes: its sockets are closed, on every instance, for good. */
	@TransactionalEventListener
	void uninstalled(StoreUninstalled event) {
		this.channel.broadcast(LiveFrame.closing(event.storeId()));
	}

	/** The sockets a revoked API token opened are closed, on every instance, instead of living until its expiry. */
	@EventListener
	void revoked(ApiTokenRevoked event) {
		this.channel.broadcast(LiveFrame.revoking(event.storeId(), event.tokenId()));
	}

	/** The sockets of the store open on this instance. */
	public int connections(UUID storeId) {
		return this.sockets.count(storeId);
	}

	/** The stores with a socket open on this instance. */
	public Set<UUID> connectedStores() {
		return this.sockets.stores();
	}

	@Override
	public void destroy() {
		this.announcer.shutdownNow();
	}

	private LiveFrame render(UUID storeId, LiveMessage message) {
		String frame = (message.type() != null) ? this.json.writeValueAsString(new JsonFrame(message.type(), message.data()))
				: null;
		return new LiveFrame(storeId, message.html(), frame);
	}

	/** The frame a {@code ?format=json} socket receives. */
	record JsonFrame(String type, Object data) {
	}

}
