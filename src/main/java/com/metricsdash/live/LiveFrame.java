package com.metricsdash.live;

import java.util.UUID;

/**
 * A {@link LiveMessage} rendered once for a store, and what travels on the Redis channel:
 * {@code {"storeId":"…","html":"…","json":"{\"type\":…,\"data\":…}"}}. Every instance sends {@code html} to its
 * htmx sockets of the store and {@code json} to its JSON sockets, as they are; a {@code null} part goes nowhere.
 */
record LiveFrame(UUID storeId, String html, String json) {
}
