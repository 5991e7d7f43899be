package com.metricsdash.security;

import java.time.Instant;
import java.util.UUID;

/** An API token as its store's settings page lists it; the token itself is never kept. */
record ApiToken(UUID id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

	boolean expired(Instant now) {
		return !this.expiresAt.isAfter(now);
	}

}
