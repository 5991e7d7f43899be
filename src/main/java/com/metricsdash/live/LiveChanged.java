package com.metricsdash.live;

import java.util.UUID;

/**
 * The data of a store with a page open on this instance changed, on this instance or another ({@link LivePush#announce}):
 * a live widget renders its fragment once and sends it to this instance's sockets ({@link LivePush#publishHere}).
 * Instances without a page of the store hear nothing, so nothing is rendered for nobody.
 */
public record LiveChanged(UUID storeId) {
}
