package com.metricsdash.shop;

import java.util.Optional;
import java.util.UUID;

import com.metricsdash.shopify.ShopDomain;

import org.springframework.stereotype.Service;

/** Looks up installed stores for other modules; uninstalled stores are not found. */
@Service
public class Stores {

	private final StoreRepository repository;

	Stores(StoreRepository repository) {
		this.repository = repository;
	}

	public Optional<StoreRef> installed(ShopDomain shop) {
		return this.repository.findByShopifyDomain(shop.value())
			.filter((store) -> store.status() != StoreStatus.UNINSTALLED)
			.map(Stores::ref);
	}

	public Optional<StoreRef> installed(UUID storeId) {
		return this.repository.findById(storeId)
			.filter((store) -> store.status() != StoreStatus.UNINSTALLED)
			.map(Stores::ref);
	}

	private static StoreRef ref(Store store) {
		return new StoreRef(store.id(), store.shop(), store.zone(), store.currency());
	}

}
