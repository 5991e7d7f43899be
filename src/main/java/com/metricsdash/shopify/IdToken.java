package com.metricsdash.shopify;

import java.time.Instant;

/**
 * A verified Shopify ID token (session token): the admin vouches that staff member {@code userId} of {@code shop} has
 * the app open.
 *
 * @param tokenId the token's {@code jti}, unique per token Shopify mints
 * @param validUntil the moment the token stops verifying: its {@code exp} plus the allowed clock skew
 */
public record IdToken(ShopDomain shop, String userId, String sessionId, String tokenId, Instant validUntil) {
}
