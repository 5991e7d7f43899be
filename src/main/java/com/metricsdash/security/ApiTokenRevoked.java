package com.metricsdash.security;

import java.util.UUID;

/** An API token was revoked: whatever it opened, such as a live socket, must close now rather than at its expiry. */
public record ApiTokenRevoked(UUID storeId, UUID tokenId) {
}
