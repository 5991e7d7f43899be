package com.metricsdash.live;

import java.time.Instant;
import java.util.UUID;

/**
 * What a socket was admitted for at its handshake: the store it follows, the kind of frames it takes, until when the
 * token that opened it is valid ({@code null} for a browser session, which has no token to expire), and which of the
 * app's API tokens opened it, if one did (its revocation closes the socket). Kept in the socket's attributes from the
 * handshake on, so nothing after it looks at the request again.
 */
record Subscription(UUID storeId, boolean json, Instant validUntil, UUID apiTokenId) {

	static final String ATTRIBUTE = Subscription.class.getName();

}
