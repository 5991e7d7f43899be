package com.metricsdash.shop;

import com.metricsdash.shopify.ShopDomain;

/** Shopify no longer accepts the store's credentials; only the owner reconnecting the store can fix that. */
public class ReconnectRequiredException extends RuntimeException {

	public ReconnectRequiredException(ShopDomain shop) {
		super(shop + " must be reconnected: Shopify no longer accepts its credentials");
	}

}
