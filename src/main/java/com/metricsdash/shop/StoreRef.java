package com.metricsdash.shop;

import java.time.ZoneId;
import java.util.UUID;

import com.metricsdash.shopify.ShopDomain;

/** What other modules need to know of an installed store: who it is, and in which timezone its days are counted. */
public record StoreRef(UUID id, ShopDomain shop, ZoneId zone, String currency) {
}
