package com.metricsdash.shop;

import java.util.List;
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
			.map(Store::ref);
	}

	public Optional<StoreRef> installed(UUID storeId) {
		return this.repository.findById(storeId)
			.filter((store) -> store.status() != StoreStatus.UNINSTALLED)
			.map(Store::ref);
	}

	/** The store as stored, whatever its state. */
	public Optional<Store> store(UUID storeId) {
		return this.repository.findById(storeId);
	}

	/** Installed stores whose initial sync has yet to finish (pending, or interrupted while syncing). */
	public List<StoreRef> awaitingSync() {
		return this.repository.findInstalledBySyncStatus(List.of(SyncStatus.PENDING, SyncStatus.SYNCING))
			.stream()
			.map(Store::ref)
			.toList();
	}

	/** Installed stores whose initial sync is complete, for reconciliation. */
	public List<StoreRef> synced() {
		return this.repository.findInstalledBySyncStatus(List.of(SyncStatus.COMPLETE))
			.stream()
			.map(Store::ref)
			.toList();
	}

	/**
	 * Installed stores whose initial sync is complete and that granted the app an access scope (as Shopify reported
	 * it with their latest token), for work that only such stores allow.
	 */
	public List<StoreRef> syncedGranting(String scope) {
		return this.repository.findSyncedGranting(scope, null).stream().map(Store::ref).toList();
	}

	/** The store, if it is installed, synced and granted the scope; see {@link #syncedGranting(String)}. */
	public Optional<StoreRef> syncedGranting(String scope, UUID storeId) {
		return this.repository.findSyncedGranting(scope, storeId).stream().findFirst().map(Store::ref);
	}

	/** Records where the store's initial sync stands; {@code error} is the sentence the merchant reads. */
	public void syncStatus(UUID storeId, SyncStatus status, String error) {
		this.repository.updateSyncStatus(storeId, status, error);
	}

}
