package com.metricsdash.alerts;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.metricsdash.live.LiveConnected;
import com.metricsdash.live.LiveMessage;
import com.metricsdash.live.LivePush;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The bell in every page's header: the store's unread alerts (active, not acknowledged). It is rendered once per store
 * and change, whenever alerts fire, resolve or are acknowledged, and the same fragment goes to every htmx socket of
 * the store; a socket that (re)connects gets it at once, since it may have missed changes. On the alerts page its
 * swap also refreshes the list ({@code alerts/alerts :: list}), which each page filters its own way. JSON sockets
 * get the alert frames instead and nothing from here.
 */
@Component
class AlertsBell {

	private static final Logger logger = LoggerFactory.getLogger(AlertsBell.class);

	private final AlertRepository alerts;

	private final SpringTemplateEngine templates;

	private final LivePush push;

	AlertsBell(AlertRepository alerts, SpringTemplateEngine templates, LivePush push) {
		this.alerts = alerts;
		this.templates = templates;
		this.push = push;
	}

	/**
	 * The bell's template variables: the unread count, when the store's alerts last changed (which tells a page whether
	 * a bell sent to its new socket brings news for its list), and whether it is swapped out of band.
	 */
	Map<String, Object> variables(UUID storeId, boolean oob) {
		AlertRepository.Unread unread = this.alerts.unread(storeId);
		String changed = unread.changed().map((at) -> Long.toString(at.toEpochMilli())).orElse("");
		return Map.of("unread", unread.count(), "changed", changed, "oob", oob);
	}

	/** Sends the store's bell, freshly counted, to every open page of the store. */
	void publish(UUID storeId) {
		try {
			this.push.publish(storeId, message(storeId));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not push the alerts bell of store {}", storeId, ex);
		}
	}

	@EventListener
	void connected(LiveConnected socket) {
		if (socket.json()) {
			return;
		}
		try {
			this.push.sendTo(socket.sessionId(), message(socket.storeId()));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not send the alerts bell to a new socket of store {}", socket.storeId(), ex);
		}
	}

	private LiveMessage message(UUID storeId) {
		Context context = new Context(Locale.ENGLISH);
		context.setVariables(variables(storeId, true));
		return new LiveMessage(this.templates.process("alerts/bell", Set.of("bell"), context), null, null);
	}

}
