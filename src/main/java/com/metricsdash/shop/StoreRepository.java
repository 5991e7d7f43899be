package com.metricsdash.shop;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

interface StoreRepository extends Repository<Store, UUID> {

	/* Spelled out rather than derived from the names: a derived query's SQL is built anew on every call. */

	@Query("select * from store where id = :id")
	Optional<Store> findById(UUID id);

	@Query("select * from store where shopify_domain = :shopifyDomain")
	Optional<Store> findByShopifyDomain(String shopifyDomain);

	/**
	 * Installed stores in one of the sync states whose shop has been read: until then their timezone is unknown,
	 * and no order may be counted into a day.
	 */
	@Query("""
			select * from store where status = 'INSTALLED' and sync_status in (:syncStatuses) and timezone is not null
			order by installed_at""")
	List<Store> findInstalledBySyncStatus(List<SyncStatus> syncStatuses);

	/** Installed stores whose initial sync is complete and whose credential holds the scope. */
	@Query("""
			select s.* from store s join store_credential c on c.store_id = s.id
			where s.status = 'INSTALLED' and s.sync_status = 'COMPLETE' and s.timezone is not null
			  and :scope = any (string_to_array(replace(c.scopes, ' ', ''), ','))
			  and (cast(:storeId as uuid) is null or s.id = :storeId)
			order by s.installed_at""")
	List<Store> findSyncedGranting(String scope, UUID storeId);

	/** Sets the sync status; {@code last_sync_at} moves when a sync completes. */
	@Modifying
	@Query("""
			update store set sync_status = :status, sync_error = :error, updated_at = now(),
			    last_sync_at = case when :status = 'COMPLETE' then now() else last_sync_at end
			where id = :id""")
	void updateSyncStatus(UUID id, SyncStatus status, String error);

	/** Records an install (or a reinstall of an uninstalled store) and returns the store's id. */
	@Transactional
	@Query("""
			insert into store (shopify_domain) values (:domain)
			on conflict (shopify_domain) do update
			set status = 'INSTALLED', uninstalled_at = null, installed_at = now(), updated_at = now()
			returning id""")
	UUID install(String domain);

	@Modifying
	@Query("""
			update store set name = :name, timezone = :timezone, currency = :currency, updated_at = now()
			where id = :id""")
	void updateShop(UUID id, String name, String timezone, String currency);

	@Modifying
	@Query("update store set status = :status, updated_at = now() where id = :id")
	void updateStatus(UUID id, StoreStatus status);

	@Modifying
	@Query("""
			update store set status = 'UNINSTALLED', uninstalled_at = now(), updated_at = now()
			where id = :id""")
	void markUninstalled(UUID id);

	/** Remembers that the Shopify admin opened the store's pages, writing at most once an hour ({@code staleBefore}). */
	@Modifying
	@Query("""
			update store set opened_embedded_at = :at
			where id = :id and (opened_embedded_at is null or opened_embedded_at < :staleBefore)""")
	void markOpenedEmbedded(UUID id, Instant at, Instant staleBefore);

	@Query("select exists (select 1 from store where id = :id and opened_embedded_at >= :since)")
	boolean openedEmbeddedSince(UUID id, Instant since);

	/** Erases the store and, by cascade, every row of its data. */
	@Modifying
	@Query("delete from store where shopify_domain = :domain")
	int erase(String domain);

}
