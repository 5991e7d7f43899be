package com.metricsdash.shop;

import java.util.UUID;

import com.metricsdash.shopify.ShopDomain;

/** A shop removed the app: its credentials are gone and nothing may be pushed for it any more. */
public record StoreUninstalled(UUID storeId, ShopDomain shop) {
}
