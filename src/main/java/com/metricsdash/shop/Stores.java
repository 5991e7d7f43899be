package com.metricsdash.shop;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.system.DatabaseChanges;
import com.metricsdash.system.KeptRows;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Looks up installed stores for other modules; uninstalled stores are not found.
 * <p>
 * Every API read and every webhook batch looks its store up, and on a saturated machine each round trip to PostgreSQL
 * waits to be scheduled (the ingest benchmark's profile): so an instance keeps the installed stores it found, by shop
 * and by id, and drops one as soon as PostgreSQL announces a change to it, made by any instance
 * ({@link KeptRows}; the {@code store_changed} triggers of the migrations). This instance's own installs and
 * uninstalls drop the store once committed, before their events go out, so that what follows them here already reads
 * the change.
 */
@Service
public class Stores {

	/** Announced by the migrations' triggers with the store's id whenever what a lookup returns changes. */
	private static final String CHANGED = "store_changed";

	private final StoreRepository repository;

	private final JdbcClient jdbc;

	private final KeptRows<ShopDomain, StoreRef> byShop;

	private final KeptRows<UUID, StoreRef> byId;

	Stores(StoreRepository repository, JdbcClient jdbc, DatabaseChanges changes) {
		this.repository = repository;
		this.jdbc = jdbc;
		this.byShop = new KeptRows<>(changes, CHANGED, Stores::isStore);
		this.byId = new KeptRows<>(changes, CHANGED, Stores::isStore);
	}

	/** The installed store of the shop. */
	public Optional<StoreRef> installed(ShopDomain shop) {
		return this.byShop.get(shop, () -> installed("shopify_domain", shop.value()));
	}

	/** The installed store with that id. */
	public Optional<StoreRef> installed(UUID storeId) {
		return this.byId.get(storeId, () -> installed("id", storeId));
	}

	private static boolean isStore(String storeId, Object key, StoreRef store) {
		return store.id().toString().equals(storeId);
	}

	@TransactionalEventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void installed(StoreInstalled event) {
		forget(event.storeId());
	}

	@TransactionalEventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void uninstalled(StoreUninstalled event) {
		forget(event.storeId());
	}

	private void forget(UUID storeId) {
		this.byShop.forget(storeId.toString());
		this.byId.forget(storeId.toString());
	}

	/**
	 * One statement of the four columns a {@link StoreRef} needs, mapped by hand, outside any transaction, which costs
	 * a fraction of reading the whole {@link Store} through the repository.
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
