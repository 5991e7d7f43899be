package com.metricsdash.live;

import java.util.UUID;

/**
 * A {@link LiveMessage} rendered once for a store, and what travels on the Redis channel:
 * {@code {"storeId":"…","html":"…","json":"{\"type\":…,\"data\":…}"}}. Every instance sends {@code html} to its
 * htmx sockets of the store and {@code json} to its JSON sockets, as they are; a {@code null} part goes nowhere.
 * A frame that says {@code close} ends every socket of the store instead (the store was uninstalled), or, with an
 * {@code apiTokenId}, only those that API token opened (it was revoked); frames from instances that predate them carry
 * neither. A frame that says {@code changed} carries nothing to send: it tells every instance that the store's data
 * changed, so that each one holding a page of the store renders it for its own sockets ({@link LiveChanged}).
 */
record LiveFrame(UUID storeId, String html, String json, Boolean close, UUID apiTokenId, Boolean changed) {

	LiveFrame(UUID storeId, String html, String json) {
		this(storeId, html, json, null, null, null);
	}

	static LiveFrame closing(UUID storeId) {
		return new LiveFrame(storeId, null, null, true, null, null);
	}

	static LiveFrame revoking(UUID storeId, UUID apiTokenId) {
		return new LiveFrame(storeId, null, null, true, apiTokenId, null);
	}

	static LiveFrame changing(UUID storeId) {
		return new LiveFrame(storeId, null, null, null, null, true);
	}

	boolean announcesChange() {
		return Boolean.TRUE.equals(this.changed);
	}

	boolean closes() {
		return Boolean.TRUE.equals(this.close);
	}

}
