package com.metricsdash.shop;

import java.util.UUID;

import com.metricsdash.shopify.ShopDomain;

/** A store was installed (or reinstalled) and its webhooks subscribed: its initial sync can start. */
public record StoreInstalled(UUID storeId, ShopDomain shop) {
}
