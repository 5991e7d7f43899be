package com.metricsdash.shop;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.metricsdash.security.StoreOwner;
import com.metricsdash.system.JsonApi;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/stores}: the stores the bearer may read. A Shopify session token speaks for one shop, so that is the
 * caller's own store, as long as it is installed.
 */
@RestController
@JsonApi
class StoresApiController {

	private final Stores stores;

	StoresApiController(Stores stores) {
		this.stores = stores;
	}

	@GetMapping("/api/stores")
	List<StoreJson> stores(@AuthenticationPrincipal StoreOwner owner) {
		return this.stores.store(owner.storeId())
			.filter((store) -> store.status() != StoreStatus.UNINSTALLED)
			.map(StoreJson::of)
			.stream()
			.toList();
	}

	/** A store as CONTRACT.md shows it to API clients: sync status in lower case, nothing about credentials. */
	record StoreJson(UUID id, String shopifyDomain, String syncStatus, Instant lastSyncAt, String currency,
			String timezone) {

		static StoreJson of(Store store) {
			return new StoreJson(store.id(), store.shopifyDomain(), store.syncStatus().json(), store.lastSyncAt(),
					store.currency(), store.timezone());
		}

	}

}
