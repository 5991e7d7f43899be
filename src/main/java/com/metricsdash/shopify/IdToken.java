package com.metricsdash.shopify;

/**
 * A verified Shopify ID token (session token): the admin vouches that staff member {@code userId} of {@code shop} has
 * the app open.
 */
public record IdToken(ShopDomain shop, String userId, String sessionId) {
}
