package com.metricsdash.shopify;

import java.time.Duration;
import java.time.Instant;

/**
 * What Shopify's token endpoint granted: an expiring offline access token and the refresh token that replaces it.
 * Lifetimes come from the response, never from assumptions.
 */
public record TokenGrant(String accessToken, Instant accessTokenExpiresAt, String refreshToken,
		Instant refreshTokenExpiresAt, String scope) {

	@Override
	public String toString() {
		return "TokenGrant[scope=" + this.scope + ", accessTokenExpiresAt=" + this.accessTokenExpiresAt + "]";
	}

	static Instant expiry(Instant now, Long seconds) {
		return seconds == null ? null : now.plus(Duration.ofSeconds(seconds));
	}

}
