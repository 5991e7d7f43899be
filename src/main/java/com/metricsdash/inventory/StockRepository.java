package com.metricsdash.inventory;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The read side's SQL: stock per variant, and units sold from the orders the sales module stores. */
@Repository
class StockRepository {

	/** Level changes read at a time: a store's 28 days can be half a million of them. */
	private static final int CHANGES_FETCHED = 5_000;

	private final JdbcClient jdbc;

	StockRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stock per variant on sale; {@code filter} narrows the rows (named parameters), {@code tail} follows the order. */
	private static final String STOCK = """
			select v.shopify_id as variant_id, v.product_id, p.title as product_title, v.title as variant_title,
			       v.sku, v.inventory_item_id, coalesce(i.tracked, true) as tracked,
			       coalesce(sum(l.available), 0) as available
			from product_variant v
			join product p on p.store_id = v.store_id and p.shopify_id = v.product_id
			left join inventory_item i on i.store_id = v.store_id and i.shopify_id = v.inventory_item_id
			left join inventory_level l on l.store_id = v.store_id and l.inventory_item_id = v.inventory_item_id
			where v.store_id = :storeId and v.deleted_at is null and p.deleted_at is null %s
			group by v.shopify_id, v.product_id, p.title, v.title, v.sku, v.inventory_item_id, i.tracked
			order by p.title, v.shopify_id %s""";

	List<VariantStock> stock(UUID storeId) {
		return this.jdbc.sql(STOCK.formatted("", "")).param("storeId", storeId).query(VariantStock.class).list();
	}

	Optional<VariantStock> variant(UUID storeId, long variantId) {
		return this.jdbc.sql(STOCK.formatted("and v.shopify_id = :variant", ""))
			.param("storeId", storeId)
			.param("variant", variantId)
			.query(VariantStock.class)
			.optional();
	}

	/**
	 * The first {@code limit} variants whose product title, variant title and SKU, read as one line, contain the text
	 * (case ignored; {@code %} and {@code _} match themselves).
	 */
	List<VariantStock> search(UUID storeId, String text, int limit) {
		String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return this.jdbc.sql(STOCK.formatted("and concat_ws(' ', p.title, v.title, v.sku) ilike :pattern", "limit :limit"))
			.param("storeId", storeId)
			.param("pattern", pattern)
			.param("limit", limit)
			.query(VariantStock.class)
			.list();
	}

	Set<Long> inventoryItems(UUID storeId, Collection<Long> variantIds) {
		return new HashSet<>(this.jdbc.sql("""
				select inventory_item_id from product_variant
				where store_id = :storeId and inventory_item_id is not null
				  and shopify_id in (select unnest(cast(:variants as bigint[])))""")
			.param("storeId", storeId)
			.param("variants", bigints(variantIds))
			.query(Long.class)
			.list());
	}

	/** A window's tracked variants on sale, their stock, their units sold and the days they sold on (day 0 first). */
	private static final String SELLING = """
			with variant as (
			    select v.shopify_id as variant_id, v.product_id, p.title as product_title,
			           v.title as variant_title, v.sku, v.inventory_item_id, v.price
			    from product_variant v
			    join product p on p.store_id = v.store_id and p.shopify_id = v.product_id
			    left join inventory_item i on i.store_id = v.store_id and i.shopify_id = v.inventory_item_id
			    where v.store_id = :storeId and v.deleted_at is null and p.deleted_at is null
			      and v.inventory_item_id is not null and coalesce(i.tracked, true) %s
			),
			stock as (
			    select l.inventory_item_id, sum(l.available) as available
			    from inventory_level l join variant v using (inventory_item_id)
			    where l.store_id = :storeId
			    group by l.inventory_item_id
			),
			sold as (
			    select li.variant_id, (o.processed_at at time zone :zone)::date - cast(:from as date) as day,
			           sum(coalesce(li.current_quantity, li.quantity)) as units
			    from order_line_item li
			    join variant v on v.variant_id = li.variant_id
			    join shop_order o on o.store_id = li.store_id and o.shopify_id = li.order_id
			    where li.store_id = :storeId and o.processed_at >= :start and o.processed_at < :end
			      and o.cancelled_at is null and not o.test
			    group by li.variant_id, day
			),
			sold_days as (
			    select variant_id, sum(units) as units, array_agg(day) filter (where units > 0) as days
			    from sold group by variant_id
			)
			select v.variant_id, v.product_id, v.product_title, v.variant_title, v.sku, v.inventory_item_id, v.price,
			       coalesce(s.available, 0) as available, coalesce(sd.units, 0) as units, sd.days as sold_days
			from variant v
			left join stock s using (inventory_item_id)
			left join sold_days sd using (variant_id)
			order by v.variant_id""";

	/**
	 * The changes of the levels of the store's items (or of the given ones) within a window, and the last one of each
	 * level before it, each item's in time order.
	 */
	private static final String LEVEL_CHANGES = """
			select inventory_item_id, location_id, recorded_at, available
			from (
			    select h.inventory_item_id, h.location_id, h.recorded_at, h.id, h.available
			    from inventory_history h
			    where h.store_id = :storeId and h.recorded_at >= :start and h.recorded_at < :end %s
			    union all
			    select l.inventory_item_id, l.location_id, b.recorded_at, b.id, b.available
			    from inventory_level l
			    cross join lateral (
			        select h.recorded_at, h.id, h.available from inventory_history h
			        where h.store_id = l.store_id and h.inventory_item_id = l.inventory_item_id
			          and h.location_id = l.location_id and h.recorded_at < :start
			        order by h.recorded_at desc, h.id desc limit 1) b
			    where l.store_id = :storeId %s
			) changes
			order by inventory_item_id, recorded_at, id""";

	/**
	 * See {@link StockLevels#sales}: one window of local days, {@code from} to {@code until}, for every variant or
	 * those of the given inventory items. The days a variant had stock are rebuilt from the history of its levels
	 * ({@link StockedDays}), read in time order a few thousand rows at a time: done in SQL, with windows over every
	 * change, it took three times as long.
	 */
	List<VariantSales> sales(UUID storeId, ZoneId zone, LocalDate from, LocalDate until,
			Collection<Long> inventoryItemIds) {
		String items = (inventoryItemIds != null) ? bigints(inventoryItemIds) : null;
		Timestamp start = Timestamp.from(from.atStartOfDay(zone).toInstant());
		Timestamp end = Timestamp.from(until.atStartOfDay(zone).toInstant());
		int windowDays = (int) ChronoUnit.DAYS.between(from, until);
		StockedDays stocked = new StockedDays(from, until, zone);
		this.jdbc.sql(LEVEL_CHANGES.formatted(onlyItems("h", items), onlyItems("l", items)))
			.withFetchSize(CHANGES_FETCHED)
			.param("storeId", storeId)
			.param("items", items)
			.param("start", start)
			.param("end", end)
			.query((RowCallbackHandler) (row) -> stocked.change(row.getLong(1), row.getLong(2),
					row.getTimestamp(3).toInstant(), row.getInt(4)));
		Map<Long, BitSet> stockedDays = stocked.days();
		return this.jdbc.sql(SELLING.formatted(onlyItems("v", items)))
			.param("storeId", storeId)
			.param("zone", zone.getId())
			.param("items", items)
			.param("from", from)
			.param("start", start)
			.param("end", end)
			.query((row, n) -> {
				BitSet days = new BitSet();
				BitSet stock = stockedDays.get(row.getLong("inventory_item_id"));
				if (stock != null) {
					days.or(stock);
				}
				Array sold = row.getArray("sold_days");
				if (sold != null) {
					for (Integer day : (Integer[]) sold.getArray()) {
						days.set(day);
					}
				}
				return new VariantSales(row.getLong("variant_id"), row.getLong("product_id"),
						row.getString("product_title"), row.getString("variant_title"), row.getString("sku"),
						row.getLong("inventory_item_id"), row.getBigDecimal("price"), row.getInt("available"),
						windowDays, row.getLong("units"), days.cardinality());
			})
			.list();
	}

	/**
	 * The condition that narrows a statement's rows of that alias to the given items, if any: a statement of its own,
	 * so that a few items are looked up by index rather than every row tested against a parameter that may be null.
	 * They are matched as a set ({@code in (select unnest(...))}, hashed), since {@code = any(...)} of a bound array
	 * compares each row with every item.
	 */
	private static String onlyItems(String alias, String items) {
		return (items != null) ? "and " + alias + ".inventory_item_id in (select unnest(cast(:items as bigint[])))" : "";
	}

	/** The ids as a PostgreSQL array literal, which a statement casts to {@code bigint[]}. */
	private static String bigints(Collection<Long> ids) {
		return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
	}

}
