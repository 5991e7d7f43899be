package com.metricsdash.live;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A {@link LiveMessage} rendered once for a store, and what travels on the Redis channel:
 * {@code {"storeId":"…","html":"…","json":"{\"type\":…,\"data\":…}"}}. Every instance sends {@code html} to its
 * htmx sockets of the store and {@code json} to its JSON sockets, as they are; a {@code null} part goes nowhere.
 * A frame that says {@code close} ends every socket of the store instead (the store was uninstalled), or, with an
 * {@code apiTokenId}, only those that API token opened (it was revoked); frames from instances that predate them carry
 * neither. A frame that says {@code changed} carries nothing to send: it tells every instance that the data of the
 * {@code stores} it names changed (of its {@code storeId}, from instances that predate {@code stores}), so that each
 * one holding a page of such a store renders it for its own sockets ({@link LiveChanged}); its {@code origin} is the
 * instance that announced it, which has told its own widgets already.
 */
record LiveFrame(UUID storeId, String html, String json, Boolean close, UUID apiTokenId, Boolean changed,
		List<UUID> stores, UUID origin) {

	LiveFrame(UUID storeId, String html, String json) {
		this(storeId, html, json, null, null, null, null, null);
	}

	static LiveFrame closing(UUID storeId) {
		return new LiveFrame(storeId, null, null, true, null, null, null, null);
	}

	static LiveFrame revoking(UUID storeId, UUID apiTokenId) {
		return new LiveFrame(storeId, null, null, true, apiTokenId, null, null, null);
	}

	static LiveFrame changing(Collection<UUID> stores, UUID origin) {
		return new LiveFrame(null, null, null, null, null, true, List.copyOf(stores), origin);
	}

	boolean announcesChange() {
		return Boolean.TRUE.equals(this.changed);
	}

	/** The stores whose change the frame announces. */
	List<UUID> changedStores() {
		return (this.stores != null) ? this.stores : List.of(this.storeId);
	}

	boolean closes() {
		return Boolean.TRUE.equals(this.close);
	}

}
