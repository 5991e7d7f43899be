package com.metricsdash.shop;

import java.util.Optional;

import com.metricsdash.security.InstalledShops;
import com.metricsdash.security.StoreOwner;
import com.metricsdash.shopify.ShopDomain;

import org.springframework.stereotype.Component;

/** Tells security which store a bearer's shop is installed as; an uninstalled shop owns nothing. */
@Component
class StoreOwners implements InstalledShops {

	private final Stores stores;

	StoreOwners(Stores stores) {
		this.stores = stores;
	}

	@Override
	public Optional<StoreOwner> owner(ShopDomain shop) {
		return this.stores.installed(shop).map((store) -> new StoreOwner(store.id(), store.shop()));
	}

}
