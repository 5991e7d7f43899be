package com.metricsdash.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.metricsdash.live.LiveConnected;
import com.metricsdash.live.LiveChanged;
import com.metricsdash.live.LiveMessage;
import com.metricsdash.live.LivePush;
import com.metricsdash.sales.SalesChanged;
import com.metricsdash.system.Coalescer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps every open dashboard of a store current: after each committed change of its sales or sessions (at most one
 * frame per {@link #MIN_INTERVAL} per store, so a burst of orders costs one render, not one per order), to a socket
 * that has just (re)connected, since it may have missed changes, and every 30 s regardless, so "updated N s ago" never
 * grows old on a quiet store, each store at its own second of those 30 (see {@link #refresh()}). A change is announced
 * to every instance ({@link LivePush#announce}) and rendered only by those holding a page of the store, once per
 * instance, store and change, the same frame going to each of its sockets: a store nobody watches costs no render.
 */
@Component
class DashboardPush implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(DashboardPush.class);

	/**
	 * A store's frames follow each other at least this far apart. Under a steady stream of orders each one waits for
	 * the next frame, up to this long, on top of its batch's apply; the webhook worker already gathers a store's orders
	 * for 20 ms before each batch, and a store changes once per applied batch at most, so the frames of a store selling
	 * 1,000 orders a second follow its batches, 28 a second per page in the ingest benchmark (at 50 ms they were 19,
	 * and each order waited 20 ms more: push P50 64 against 42 ms, P95 105 against 91 ms, 2026-12-07); 250 ms had put
	 * the push P95 above 250 ms.
	 */
	static final Duration MIN_INTERVAL = Duration.ofMillis(25);

	static final String TYPE = "dashboard:update";

	/** Every open dashboard is pushed at least this often, in seconds, changed or not. */
	static final int REFRESH_SECONDS = 30;

	private final SpringTemplateEngine templates;

	private final LivePush push;

	private final DashboardView view;

	private final Clock clock;

	private final Coalescer coalescer;

	DashboardPush(SpringTemplateEngine templates, LivePush push, DashboardView view, Clock clock) {
		this.templates = templates;
		this.push = push;
		this.view = view;
		this.clock = clock;
		this.coalescer = new Coalescer("dashboard-push", MIN_INTERVAL, 2, this::publish);
	}

	@TransactionalEventListener
	void salesChanged(SalesChanged change) {
		this.push.announce(change.storeId());
	}

	/**
	 * Sessions change the conversion. Handled at once where no transaction is open: a post through the traffic API
	 * is one statement, already committed when the event is published.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void trafficChanged(TrafficChanged change) {
		this.push.announce(change.storeId());
	}

	/** A store with a page open here changed, here or on another instance. */
	@EventListener
	void changed(LiveChanged change) {
		this.coalescer.changed(change.storeId());
	}

	@EventListener
	void connected(LiveConnected socket) {
		try {
			message(socket.storeId()).ifPresent((message) -> this.push.sendTo(socket.sessionId(), message));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not send the dashboard to a new socket of store {}", socket.storeId(), ex);
		}
	}

	/**
	 * Pushes to the stores with a page open on this instance whose second of the refresh cycle it is; the other
	 * instances refresh their own. Spread out like this, a thousand open stores cost a few renders a second instead of
	 * a thousand at once every 30 s, which would hold up the pushes of new orders behind them.
	 */
	@Scheduled(fixedRate = 1_000, initialDelay = 1_000)
	void refresh() {
		long second = this.clock.millis() / 1000;
		this.push.connectedStores()
			.stream()
			.filter((storeId) -> refreshesAt(storeId, second))
			.forEach(this.coalescer::changed);
	}

	/** Whether the store's open pages are refreshed at this second since the epoch: once in every 30. */
	static boolean refreshesAt(UUID storeId, long epochSecond) {
		return Math.floorMod(storeId.hashCode(), REFRESH_SECONDS) == Math.floorMod(epochSecond, REFRESH_SECONDS);
	}

	/** Has every open page of the store, on every instance, render its dashboard again, as after a settings change. */
	void pushNow(UUID storeId) {
		this.push.announce(storeId);
	}

	private void publish(UUID storeId) {
		try {
			message(storeId).ifPresent((message) -> this.push.publishHere(storeId, message));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not push the dashboard of store {}", storeId, ex);
		}
	}

	/**
	 * The fragment for htmx pages and the dashboard JSON for others; nothing for a store no longer installed, nor
	 * while only stale figures can be had: a push means "this is current", and the page's poll shows them as stale.
	 */
	private Optional<LiveMessage> message(UUID storeId) {
		return this.view.of(storeId).filter((shown) -> !shown.dashboard().stale()).map((shown) -> {
			Context context = new Context(Locale.ENGLISH);
			context.setVariables(shown.variables(true));
			String html = this.templates.process("dashboard/cards", Set.of("cards"), context);
			return new LiveMessage(html, TYPE, shown.dashboard());
		});
	}

	@Override
	public void destroy() {
		this.coalescer.close();
	}

}
