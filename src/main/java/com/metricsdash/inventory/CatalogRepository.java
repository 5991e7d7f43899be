package com.metricsdash.inventory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The catalogue's SQL. Every write is one multi-row upsert keyed by (store_id, shopify_id): the rows travel as one
 * JSON array read by {@code jsonb_to_recordset}, so a batch of hundreds costs one round trip. A row is only replaced
 * by a newer one, or by one of the same Shopify time whose content differs (Shopify's times are to the second, so
 * two changes within one second carry the same time); an identical redelivery changes nothing.
 */
@Repository
class CatalogRepository {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	CatalogRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Upserts products; a deleted product stays deleted. Returns the ids of the products written. */
	Set<Long> upsertProducts(UUID storeId, List<ProductSnapshot> products) {
		return ids(this.jdbc.sql("""
				with incoming as (
				    select distinct on (shopify_id) *
				    from jsonb_to_recordset(cast(:rows as jsonb))
				        as r(shopify_id bigint, title text, status text, updated_at timestamptz)
				    order by shopify_id, updated_at desc
				)
				insert into product as p (store_id, shopify_id, title, status, shopify_updated_at)
				select :storeId, shopify_id, title, status, updated_at from incoming
				on conflict (store_id, shopify_id) do update
				set title = excluded.title, status = excluded.status, shopify_updated_at = excluded.shopify_updated_at
				where p.deleted_at is null
				  and (excluded.shopify_updated_at > p.shopify_updated_at
				       or (excluded.shopify_updated_at = p.shopify_updated_at
				           and (excluded.title, excluded.status) is distinct from (p.title, p.status)))
				returning shopify_id""")
			.param("storeId", storeId)
			.param("rows", rows(products, (product) -> row("shopify_id", product.id(), "title", product.title(),
					"status", product.status(), "updated_at", product.updatedAt())))
			.query(Long.class)
			.list());
	}

	/**
	 * Upserts variants and, in the same statement, links their inventory items (1:1, keyed by the item's id) to them;
	 * whether an item is tracked is left as it is (a new item counts as tracked, Shopify's default, until its
	 * inventory item says otherwise). Variants of a deleted product are not written. Returns the variants written.
	 */
	List<WrittenVariant> upsertVariants(UUID storeId, List<VariantSnapshot> variants) {
		return this.jdbc.sql("""
				with incoming as (
				    select distinct on (shopify_id) *
				    from jsonb_to_recordset(cast(:rows as jsonb))
				        as r(shopify_id bigint, product_id bigint, title text, sku text, price numeric,
				             inventory_item_id bigint, updated_at timestamptz)
				    where not exists (select 1 from product p
				                      where p.store_id = :storeId and p.shopify_id = r.product_id
				                        and p.deleted_at is not null)
				    order by shopify_id, updated_at desc
				),
				variants as (
				    insert into product_variant as v (store_id, shopify_id, product_id, title, sku, price,
				                                      inventory_item_id, shopify_updated_at)
				    select :storeId, shopify_id, product_id, title, sku, price, inventory_item_id, updated_at
				    from incoming
				    on conflict (store_id, shopify_id) do update
				    set product_id = excluded.product_id, title = excluded.title, sku = excluded.sku,
				        price = excluded.price, inventory_item_id = excluded.inventory_item_id,
				        shopify_updated_at = excluded.shopify_updated_at
				    where v.deleted_at is null
				      and (excluded.shopify_updated_at > v.shopify_updated_at
				           or (excluded.shopify_updated_at = v.shopify_updated_at
				               and (excluded.title, excluded.sku, excluded.price, excluded.inventory_item_id)
				                   is distinct from (v.title, v.sku, v.price, v.inventory_item_id)))
				    returning shopify_id, product_id, inventory_item_id
				),
				items as (
				    insert into inventory_item as i (store_id, shopify_id, variant_id, sku, shopify_updated_at)
				    select :storeId, incoming.inventory_item_id, incoming.shopify_id, incoming.sku, '-infinity'
				    from variants join incoming using (shopify_id)
				    where incoming.inventory_item_id is not null
				    on conflict (store_id, shopify_id) do update
				    set variant_id = excluded.variant_id, sku = excluded.sku
				)
				select product_id, inventory_item_id from variants""")
			.param("storeId", storeId)
			.param("rows", rows(variants, (variant) -> row("shopify_id", variant.id(), "product_id",
					variant.productId(), "title", variant.title(), "sku", variant.sku(), "price", variant.price(),
					"inventory_item_id", variant.inventoryItemId(), "updated_at", variant.updatedAt())))
			.query(WrittenVariant.class)
			.list();
	}

	/**
	 * Upserts whether inventory items are tracked; an item not linked to a variant yet is kept until its variant
	 * arrives. {@code shopify_updated_at} is the item's own time ({@code -infinity} while only its variant was seen), so
	 * an older report never overwrites a newer one. Returns the ids of the items whose tracking changed.
	 */
	Set<Long> upsertInventoryItems(UUID storeId, List<InventoryItemSnapshot> items) {
		return ids(this.jdbc.sql("""
				with incoming as (
				    select distinct on (shopify_id) *
				    from jsonb_to_recordset(cast(:rows as jsonb))
				        as r(shopify_id bigint, tracked boolean, updated_at timestamptz)
				    order by shopify_id, updated_at desc
				),
				previous as (
				    select i.shopify_id, i.tracked
				    from inventory_item i join incoming using (shopify_id)
				    where i.store_id = :storeId
				),
				written as (
				    insert into inventory_item as i (store_id, shopify_id, tracked, shopify_updated_at)
				    select :storeId, shopify_id, tracked, updated_at from incoming
				    on conflict (store_id, shopify_id) do update
				    set tracked = excluded.tracked, shopify_updated_at = excluded.shopify_updated_at
				    where excluded.shopify_updated_at > i.shopify_updated_at
				       or (excluded.shopify_updated_at = i.shopify_updated_at and excluded.tracked <> i.tracked)
				    returning shopify_id, tracked
				)
				select w.shopify_id from written w left join previous p using (shopify_id)
				where p.tracked is distinct from w.tracked""")
			.param("storeId", storeId)
			.param("rows", rows(items, (item) -> row("shopify_id", item.id(), "tracked", item.tracked(), "updated_at",
					item.updatedAt())))
			.query(Long.class)
			.list());
	}

	/**
	 * Marks a product and its variants deleted at {@code at}; a product not seen yet is remembered as deleted, so
	 * that its {@code products/create} arriving late does not bring it back. Returns the inventory item ids of its
	 * variants.
	 */
	Set<Long> markProductDeleted(UUID storeId, long productId, Instant at) {
		this.jdbc.sql("""
				insert into product (store_id, shopify_id, title, shopify_updated_at, deleted_at)
				values (:storeId, :productId, '', :at, :at)
				on conflict (store_id, shopify_id) do update
				set deleted_at = excluded.deleted_at
				where product.deleted_at is null""")
			.param("storeId", storeId)
			.param("productId", productId)
			.param("at", Timestamp.from(at))
			.update();
		return ids(this.jdbc.sql("""
				update product_variant set deleted_at = :at
				where store_id = :storeId and product_id = :productId and deleted_at is null
				returning inventory_item_id""")
			.param("storeId", storeId)
			.param("productId", productId)
			.param("at", Timestamp.from(at))
			.query(Long.class)
			.list());
	}

	void upsertLocations(UUID storeId, List<LocationSnapshot> locations) {
		this.jdbc.sql("""
				insert into location as l (store_id, shopify_id, name, active)
				select distinct on (shopify_id) :storeId, shopify_id, name, active
				from jsonb_to_recordset(cast(:rows as jsonb)) as r(shopify_id bigint, name text, active boolean)
				on conflict (store_id, shopify_id) do update
				set name = excluded.name, active = excluded.active
				where (l.name, l.active) is distinct from (excluded.name, excluded.active)""")
			.param("storeId", storeId)
			.param("rows", rows(locations, (location) -> row("shopify_id", location.id(), "name", location.name(),
					"active", location.active())))
			.update();
	}

	/**
	 * Upserts levels and appends an {@code inventory_history} row for each whose {@code available} changed, or that
	 * is new (change 0: the baseline velocity is measured from). Two webhooks of the same second are ordered by their
	 * trigger times; a level read from the Admin API, which has none, replaces one of its second when it differs. The
	 * rows already stored are locked by a first statement, so that the second one, whose snapshot starts after the
	 * lock, measures the change against the latest committed value even when two deliveries race. A webhook's null {@code on_hand} or {@code committed} keeps the
	 * stored figure. Returns the inventory item ids written.
	 */
	Set<Long> upsertLevels(UUID storeId, List<InventoryLevelSnapshot> levels) {
		String rows = rows(levels, (level) -> row("inventory_item_id", level.inventoryItemId(), "location_id",
				level.locationId(), "available", level.available(), "on_hand", level.onHand(), "committed",
				level.committed(), "updated_at", level.updatedAt(), "triggered_at", level.triggeredAt()));
		this.jdbc.sql("""
				select 1 from inventory_level l
				join jsonb_to_recordset(cast(:rows as jsonb)) as r(inventory_item_id bigint, location_id bigint)
				    using (inventory_item_id, location_id)
				where l.store_id = :storeId
				order by inventory_item_id, location_id
				for update of l""")
			.param("storeId", storeId)
			.param("rows", rows)
			.query(Integer.class)
			.list();
		return ids(this.jdbc.sql("""
				with incoming as (
				    select distinct on (inventory_item_id, location_id) *
				    from jsonb_to_recordset(cast(:rows as jsonb))
				        as r(inventory_item_id bigint, location_id bigint, available integer, on_hand integer,
				             committed integer, updated_at timestamptz, triggered_at timestamptz)
				    order by inventory_item_id, location_id, updated_at desc, triggered_at desc nulls last
				),
				previous as (
				    select l.inventory_item_id, l.location_id, l.available
				    from inventory_level l join incoming using (inventory_item_id, location_id)
				    where l.store_id = :storeId
				),
				written as (
				    insert into inventory_level as l (store_id, inventory_item_id, location_id, available, on_hand,
				                                      committed, shopify_updated_at, shopify_triggered_at)
				    select :storeId, inventory_item_id, location_id, available, on_hand, committed, updated_at,
				           triggered_at
				    from incoming
				    on conflict (store_id, inventory_item_id, location_id) do update
				    set available = excluded.available, on_hand = coalesce(excluded.on_hand, l.on_hand),
				        committed = coalesce(excluded.committed, l.committed),
				        shopify_updated_at = excluded.shopify_updated_at,
				        shopify_triggered_at = excluded.shopify_triggered_at
				    where excluded.shopify_updated_at > l.shopify_updated_at
				       or (excluded.shopify_updated_at = l.shopify_updated_at
				           and case when excluded.shopify_triggered_at is not null and l.shopify_triggered_at is not null
				                    then excluded.shopify_triggered_at > l.shopify_triggered_at
				                    else excluded.available <> l.available
				                         or coalesce(excluded.on_hand, l.on_hand) is distinct from l.on_hand
				                         or coalesce(excluded.committed, l.committed) is distinct from l.committed
				               end)
				    returning inventory_item_id, location_id, available, shopify_updated_at
				),
				history as (
				    insert into inventory_history (store_id, inventory_item_id, location_id, available, change,
				                                   recorded_at)
				    select :storeId, w.inventory_item_id, w.location_id, w.available,
				           w.available - coalesce(p.available, w.available), w.shopify_updated_at
				    from written w left join previous p using (inventory_item_id, location_id)
				    where p.available is null or p.available <> w.available
				)
				select inventory_item_id from written""")
			.param("storeId", storeId)
			.param("rows", rows)
			.query(Long.class)
			.list());
	}

	private <T> String rows(List<T> items, Function<T, Map<String, Object>> row) {
		return this.json.writeValueAsString(items.stream().map(row).toList());
	}

	/** A JSON row; times as ISO-8601 text, which {@code timestamptz} reads exactly. */
	private static Map<String, Object> row(Object... namesAndValues) {
		Map<String, Object> row = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			Object value = namesAndValues[i + 1];
			row.put((String) namesAndValues[i], (value instanceof Instant instant) ? instant.toString() : value);
		}
		return row;
	}

	/** A variant an upsert wrote: its product, and its inventory item if it has one. */
	record WrittenVariant(long productId, Long inventoryItemId) {
	}

	private static Set<Long> ids(List<Long> ids) {
		return new HashSet<>(ids);
	}

}
