/**
 * Connected stores: installing through Shopify (authorization code grant in a browser, token exchange when embedded),
 * their credentials (encrypted at rest, refreshed before they expire, rotated together), uninstalling, and the
 * connect page. Other modules reach a store's Admin API through {@link com.metricsdash.shop.StoreAdminApi}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Stores")
package com.metricsdash.shop;
