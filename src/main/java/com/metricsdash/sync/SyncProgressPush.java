package com.metricsdash.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.metricsdash.live.LiveMessage;
import com.metricsdash.live.LivePush;
import com.metricsdash.shop.Store;
import com.metricsdash.shop.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Pushes sync progress to the store's open pages: the progress card rendered once per change for htmx pages, and a
 * {@code sync:progress} frame for JSON clients. Progress within a phase goes out at most every 250 ms; a change of
 * state always goes out.
 */
@Component
class SyncProgressPush {

	private static final Logger logger = LoggerFactory.getLogger(SyncProgressPush.class);

	static final Duration MIN_INTERVAL = Duration.ofMillis(250);

	private final SpringTemplateEngine templates;

	private final LivePush push;

	private final ReconciliationRuns reconciliations;

	private final Stores stores;

	private final Clock clock;

	private final Map<UUID, Instant> lastSent = new ConcurrentHashMap<>();

	SyncProgressPush(SpringTemplateEngine templates, LivePush push, ReconciliationRuns reconciliations, Stores stores,
			Clock clock) {
		this.templates = templates;
		this.push = push;
		this.reconciliations = reconciliations;
		this.stores = stores;
		this.clock = clock;
	}

	@EventListener
	void progressed(SyncProgress progress) {
		Instant now = this.clock.instant();
		Instant last = this.lastSent.get(progress.storeId());
		if ("SYNCING".equals(progress.state()) && last != null && last.plus(MIN_INTERVAL).isAfter(now)) {
			return;
		}
		this.lastSent.put(progress.storeId(), now);
		try {
			publish(progress);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not push the sync progress of store {}", progress.storeId(), ex);
		}
	}

	private void publish(SyncProgress progress) {
		this.push.publish(progress.storeId(), message(progress));
	}

	/** The card, rendered outside any web request, and the JSON frame. */
	LiveMessage message(SyncProgress progress) {
		Context context = new Context(Locale.ENGLISH);
		context.setVariables(SyncCard.variables(progress, this.reconciliations.latest(progress.storeId()).orElse(null),
				this.stores.store(progress.storeId()).map(Store::zone).orElse(ZoneOffset.UTC)));
		context.setVariable("oob", true);
		String html = this.templates.process("sync/progress", Set.of("progress"), context);
		return new LiveMessage(html, "sync:progress", json(progress));
	}

	private static Map<String, Object> json(SyncProgress progress) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("storeId", progress.storeId().toString());
		data.put("syncStatus", progress.state().toLowerCase(Locale.ROOT));
		data.put("phase", progress.phase() == null ? null : progress.phase().name().toLowerCase(Locale.ROOT));
		data.put("percent", progress.percent());
		data.put("done", progress.done());
		data.put("total", progress.total());
		data.put("secondsLeft", progress.timeLeft() == null ? null : progress.timeLeft().toSeconds());
		data.put("error", progress.error());
		return data;
	}

}
