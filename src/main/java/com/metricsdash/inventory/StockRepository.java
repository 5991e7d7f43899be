package com.metricsdash.inventory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The read side's SQL: stock per variant, and units sold from the orders the sales module stores. */
@Repository
class StockRepository {

	private final JdbcClient jdbc;

	StockRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<VariantStock> stock(UUID storeId) {
		return this.jdbc.sql("""
				select v.shopify_id as variant_id, v.product_id, p.title as product_title, v.title as variant_title,
				       v.sku, v.inventory_item_id, coalesce(i.tracked, true) as tracked,
				       coalesce(sum(l.available), 0) as available
				from product_variant v
				join product p on p.store_id = v.store_id and p.shopify_id = v.product_id
				left join inventory_item i on i.store_id = v.store_id and i.shopify_id = v.inventory_item_id
				left join inventory_level l on l.store_id = v.store_id and l.inventory_item_id = v.inventory_item_id
				where v.store_id = :storeId and v.deleted_at is null and p.deleted_at is null
				group by v.shopify_id, v.product_id, p.title, v.title, v.sku, v.inventory_item_id, i.tracked
				order by p.title, v.shopify_id""")
			.param("storeId", storeId)
			.query(VariantStock.class)
			.list();
	}

	List<StockLevels.UnitsSold> unitsSold(UUID storeId, Instant since) {
		return this.jdbc.sql("""
				select li.variant_id, sum(coalesce(li.current_quantity, li.quantity)) as units
				from order_line_item li
				join shop_order o on o.store_id = li.store_id and o.shopify_id = li.order_id
				where li.store_id = :storeId and li.variant_id is not null and o.processed_at >= :since
				  and o.cancelled_at is null and not o.test
				group by li.variant_id""")
			.param("storeId", storeId)
			.param("since", Timestamp.from(since))
			.query(StockLevels.UnitsSold.class)
			.list();
	}

}
