package com.metricsdash.live;

import java.util.UUID;

/**
 * A socket of a store has just opened (or reopened after a reconnect), so whatever it shows may be stale: widgets
 * answer with fresh fragments through {@link LivePush#sendTo(String, LiveMessage)}.
 *
 * @param storeId the store the socket follows
 * @param json whether the socket takes JSON frames ({@code ?format=json}) rather than htmx fragments
 * @param sessionId the socket's id for {@link LivePush#sendTo(String, LiveMessage)}
 */
public record LiveConnected(UUID storeId, boolean json, String sessionId) {
}
