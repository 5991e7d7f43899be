package com.metricsdash.alerts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.ShopDomain;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A store's catalogue, stock history and orders written straight into the tables, so that a test states exactly the
 * history it computes by hand. Each variant is its own product, and its inventory item has the variant's id.
 */
final class AlertsDb {

	private final JdbcClient jdbc;

	private final Stores stores;

	AlertsDb(JdbcClient jdbc, Stores stores) {
		this.jdbc = jdbc;
		this.stores = stores;
	}

	/** An installed store of that timezone, nobody else's; its sync is pending, so no event evaluates it. */
	StoreRef newStore(String zone) {
		String domain = "alerts-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		this.jdbc.sql("insert into store (shopify_domain, timezone, currency) values (:domain, :zone, 'USD')")
			.param("domain", domain)
			.param("zone", zone)
			.update();
		return this.stores.installed(new ShopDomain(domain)).orElseThrow();
	}

	void variant(StoreRef store, long variantId, String price) {
		this.jdbc.sql("insert into product (store_id, shopify_id, title, shopify_updated_at) values (:store, :id, :title, now())")
			.param("store", store.id())
			.param("id", variantId)
			.param("title", "Product " + variantId)
			.update();
		this.jdbc.sql("""
				insert into product_variant (store_id, shopify_id, product_id, title, sku, price, inventory_item_id,
				    shopify_updated_at)
				values (:store, :id, :id, 'Default', :sku, cast(:price as numeric), :id, now())""")
			.param("store", store.id())
			.param("id", variantId)
			.param("sku", "SKU-" + variantId)
			.param("price", price)
			.update();
		this.jdbc.sql("""
				insert into inventory_item (store_id, shopify_id, variant_id, tracked, shopify_updated_at)
				values (:store, :id, :id, true, now())""")
			.param("store", store.id())
			.param("id", variantId)
			.update();
	}

	/** The level of the variant's item at the location becomes {@code available} at {@code at}, as the catalogue writes it. */
	void level(StoreRef store, long variantId, long locationId, int available, Instant at) {
		this.jdbc.sql("""
				insert into inventory_history (store_id, inventory_item_id, location_id, available, change, recorded_at)
				values (:store, :item, :location, :available,
				    :available - coalesce((select available from inventory_level where store_id = :store
				        and inventory_item_id = :item and location_id = :location), :available), :at)""")
			.param("store", store.id())
			.param("item", variantId)
			.param("location", locationId)
			.param("available", available)
			.param("at", Timestamp.from(at))
			.update();
		this.jdbc.sql("""
				insert into inventory_level (store_id, inventory_item_id, location_id, available, shopify_updated_at)
				values (:store, :item, :location, :available, :at)
				on conflict (store_id, inventory_item_id, location_id) do update
				set available = excluded.available, shopify_updated_at = excluded.shopify_updated_at""")
			.param("store", store.id())
			.param("item", variantId)
			.param("location", locationId)
			.param("available", available)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** An order of one line of the variant; {@code left} is the line's quantity after refunds, {@code null} if unsaid. */
	void order(StoreRef store, long orderId, Instant processedAt, long variantId, int quantity, Integer left,
			boolean cancelled, boolean test) {
		this.jdbc.sql("""
				insert into shop_order (store_id, shopify_id, processed_at, shopify_created_at, shopify_updated_at,
				    cancelled_at, test, currency, total_price)
				values (:store, :order, :at, :at, :at, :cancelledAt, :test, 'USD', 10)""")
			.param("store", store.id())
			.param("order", orderId)
			.param("at", Timestamp.from(processedAt))
			.param("cancelledAt", cancelled ? Timestamp.from(processedAt) : null)
			.param("test", test)
			.update();
		this.jdbc.sql("""
				insert into order_line_item (store_id, shopify_id, order_id, product_id, variant_id, quantity,
				    current_quantity, price)
				values (:store, :order, :order, :variant, :variant, :quantity, :left, 10)""")
			.param("store", store.id())
			.param("order", orderId)
			.param("variant", variantId)
			.param("quantity", quantity)
			.param("left", left)
			.update();
	}

	void markSynced(StoreRef store) {
		this.jdbc.sql("update store set sync_status = 'COMPLETE' where id = :store").param("store", store.id()).update();
	}

}
