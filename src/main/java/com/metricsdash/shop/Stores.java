package com.metricsdash.shop;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.metricsdash.shopify.ShopDomain;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** Looks up installed stores for other modules; uninstalled stores are not found. */
@Service
public class Stores {

	private final StoreRepository repository;

	private final JdbcClient jdbc;

	Stores(StoreRepository repository, JdbcClient jdbc) {
		this.repository = repository;
		this.jdbc = jdbc;
	}

	/**
	 * The installed store of the shop. Within a web request it is remembered for that request, so that the
	 * lookup by id that follows (a bearer's store, then the store the path names) costs nothing; see
	 * {@link #installed(UUID)}.
	 */
	public Optional<StoreRef> installed(ShopDomain shop) {
		Optional<StoreRef> store = installed("shopify_domain", shop.value());
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			store.ifPresent((found) -> request.setAttribute(requestKey(found.id()), found, RequestAttributes.SCOPE_REQUEST));
		}
		return store;
	}

	/**
	 * The installed store with that id; the one the current web request already looked up by its shop, if any. An API
	 * call looked the store up twice before: by the bearer's shop in security, then by the path's id. On a saturated
	 * machine each round trip to PostgreSQL waits to be scheduled, and a dashboard read had five of them (the ingest
	 * benchmark's profile): this makes it four.
	 */
	public Optional<StoreRef> installed(UUID storeId) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		Object seen = (request != null) ? request.getAttribute(requestKey(storeId), RequestAttributes.SCOPE_REQUEST)
				: null;
		return (seen instanceof StoreRef store) ? Optional.of(store) : installed("id", storeId);
	}

	private static String requestKey(UUID storeId) {
		return Stores.class.getName() + ".installed:" + storeId;
	}

	/**
	 * Every API call and webhook run asks this: one statement of the four columns a {@link StoreRef} needs, mapped by
	 * hand, outside any transaction, which costs a fraction of reading the whole {@link Store} through the repository.
	 */
	private Optional<StoreRef> installed(String column, Object key) {
		return this.jdbc.sql("select id, shopify_domain, timezone, currency from store where status <> 'UNINSTALLED' and "
				+ column + " = :key")
			.param("key", key)
			.query((row, number) -> new StoreRef(row.getObject("id", UUID.class),
					new ShopDomain(row.getString("shopify_domain")), Store.zone(row.getString("timezone")),
					row.getString("currency")))
			.optional();
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
