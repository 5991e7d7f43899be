package com.metricsdash.live;

import java.util.UUID;

/**
 * What a socket was admitted for at its handshake: the store it follows and the kind of frames it takes. Kept in the
 * socket's attributes from the handshake on, so nothing after it looks at the request again.
 */
record Subscription(UUID storeId, boolean json) {

	static final String ATTRIBUTE = Subscription.class.getName();

}
