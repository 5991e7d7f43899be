package com.metricsdash.security;

import java.io.Serializable;
import java.util.UUID;

import com.metricsdash.shopify.ShopDomain;

/** The person signed in: whoever installed or opened the app for one store, and may see that store only. */
public record StoreOwner(UUID storeId, ShopDomain shop) implements Serializable {
}
