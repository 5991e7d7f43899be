package com.metricsdash.shop;

import java.util.Optional;
import java.util.UUID;

import com.metricsdash.security.InstalledShops;
import com.metricsdash.security.StoreOwner;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.system.LastKnown;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells security which store a bearer's shop is installed as; an uninstalled shop owns nothing. Each answer is
 * remembered, so that while PostgreSQL cannot be reached a bearer is still recognised and the API can serve the
 * store's last known figures; a shop never seen before then cannot be told, and its request fails as before.
 */
@Component
class StoreOwners implements InstalledShops {

	private final Stores stores;

	private final LastKnown lastKnown;

	StoreOwners(Stores stores, LastKnown lastKnown) {
		this.stores = stores;
		this.lastKnown = lastKnown;
	}

	@Override
	public Optional<StoreOwner> owner(ShopDomain shop) {
		try {
			Optional<StoreOwner> owner = this.stores.installed(shop).map((store) -> new StoreOwner(store.id(), shop));
			owner.ifPresent((known) -> this.lastKnown.remember(key(shop), known.storeId(), known.storeId()::toString));
			return owner;
		}
		catch (RuntimeException ex) {
			if (!LastKnown.databaseUnreachable(ex)) {
				throw ex;
			}
			return Optional.of(this.lastKnown.recall(key(shop))
				.map((storeId) -> new StoreOwner(UUID.fromString(storeId), shop))
				.orElseThrow(() -> ex));
		}
	}

	@Override
	public Optional<StoreOwner> owner(UUID storeId) {
		return this.stores.installed(storeId).map((store) -> new StoreOwner(store.id(), store.shop()));
	}

	@TransactionalEventListener
	void uninstalled(StoreUninstalled event) {
		this.lastKnown.forget(key(event.shop()));
	}

	private static String key(ShopDomain shop) {
		return "store-owner:" + shop.value();
	}

}
