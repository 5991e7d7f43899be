/**
 * Talking to Shopify: shop domains, request signatures (OAuth query HMAC, webhook HMAC, ID tokens), the OAuth token
 * endpoint, and the Admin GraphQL API with its cost-based throttling. Knows nothing of our stores: callers pass the
 * shop and its token.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shopify client")
package com.metricsdash.shopify;
