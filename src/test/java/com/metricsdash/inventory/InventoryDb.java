package com.metricsdash.inventory;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.simulator.SimulatorCatalog.Level;

import org.springframework.jdbc.core.simple.JdbcClient;

/** What inventory tests read from and set up in the database: a store of their own, and its stored levels. */
final class InventoryDb {

	private final JdbcClient jdbc;

	private final Stores stores;

	InventoryDb(JdbcClient jdbc, Stores stores) {
		this.jdbc = jdbc;
		this.stores = stores;
	}

	/** An installed store that is nobody else's, as if just connected. */
	StoreRef newStore() {
		String domain = "inventory-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		this.jdbc.sql("insert into store (shopify_domain, timezone, currency) values (:domain, 'UTC', 'USD')")
			.param("domain", domain)
			.update();
		return store(domain);
	}

	StoreRef store(String domain) {
		return this.stores.installed(new ShopDomain(domain)).orElseThrow();
	}

	Map<Level, Integer> levels(StoreRef store) {
		return this.jdbc.sql("select inventory_item_id, location_id, available from inventory_level where store_id = :id")
			.param("id", store.id())
			.query((rs, row) -> Map.entry(new Level(rs.getLong(1), rs.getLong(2)), rs.getInt(3)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/** The history of one level as (available, change) pairs, oldest first. */
	List<String> history(StoreRef store, long inventoryItemId, long locationId) {
		return this.jdbc.sql("""
				select available || ' ' || change from inventory_history
				where store_id = :id and inventory_item_id = :item and location_id = :location order by id""")
			.param("id", store.id())
			.param("item", inventoryItemId)
			.param("location", locationId)
			.query(String.class)
			.list();
	}

	String productTitle(StoreRef store, long productId) {
		return this.jdbc.sql("select title from product where store_id = :id and shopify_id = :product")
			.param("id", store.id())
			.param("product", productId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	boolean productDeleted(StoreRef store, long productId) {
		return this.jdbc.sql("""
				select count(*) > 0 from product where store_id = :id and shopify_id = :product
				and deleted_at is not null""")
			.param("id", store.id())
			.param("product", productId)
			.query(Boolean.class)
			.single();
	}

	int count(String table, StoreRef store) {
		return this.jdbc.sql("select count(*) from " + table + " where store_id = :id")
			.param("id", store.id())
			.query(Integer.class)
			.single();
	}

}
