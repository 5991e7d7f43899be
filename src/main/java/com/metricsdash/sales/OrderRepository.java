package com.metricsdash.sales;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The orders, line items and refunds of stores, keyed by (store, Shopify id) so that every write is an idempotent
 * upsert. Batches go out as JDBC batches, one round trip per statement whatever their size.
 */
@Repository
class OrderRepository {

	/** The first key of this module's advisory locks, the second being the store's. */
	private static final int LOCK_NAMESPACE = 0x5A1E5;

	private final JdbcClient jdbc;

	private final NamedParameterJdbcOperations batches;

	OrderRepository(JdbcClient jdbc, NamedParameterJdbcOperations batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	/**
	 * Serialises the stores' sales writes until the transaction ends, across threads and instances, so that a rollup
	 * changed by the difference between two versions of an order is never changed by another view of them. The locks
	 * are taken in the order of the stores' ids, so that two batches locking some of the same stores wait for each
	 * other rather than deadlock.
	 */
	void lockStores(Collection<UUID> storeIds) {
		this.jdbc.sql("""
				select pg_advisory_xact_lock(:namespace, hashtext(store))
				from unnest(cast(:stores as text[])) as locked (store)""")
			.param("namespace", LOCK_NAMESPACE)
			.param("stores", storeIds.stream().map(UUID::toString).sorted().toArray(String[]::new))
			.query()
			.listOfRows();
	}

	/** The stored version of each of these orders, by store, that the stores have. */
	Map<UUID, Map<Long, StoredVersion>> versions(Map<UUID, ? extends Collection<Long>> orderIds) {
		Map<UUID, Map<Long, StoredVersion>> versions = new HashMap<>();
		Keys keys = Keys.of(orderIds);
		this.jdbc.sql("""
				select store_id, shopify_id, processed_at, shopify_updated_at, cancelled_at, current_total_price, test,
				    total_price from shop_order
				where (store_id, shopify_id) in (
				    select * from unnest(cast(:stores as uuid[]), cast(:ids as bigint[])))""")
			.param("stores", keys.stores())
			.param("ids", keys.ids())
			.query((ResultSet row) -> {
				versions.computeIfAbsent(row.getObject("store_id", UUID.class), (store) -> new HashMap<>())
					.put(row.getLong("shopify_id"), new StoredVersion(instant(row, "processed_at"),
							new OrderVersion(instant(row, "shopify_updated_at"),
									row.getTimestamp("cancelled_at") != null, row.getBigDecimal("current_total_price")),
							row.getBoolean("test"), row.getBigDecimal("total_price")));
			});
		return versions;
	}

	/**
	 * Inserts the orders or overwrites them with these versions, which the caller found later than the stored ones
	 * (under the store's lock); never with a version of an older time. An inserted order takes the refunds that
	 * arrived before it.
	 */
	void upsert(Map<UUID, List<OrderSnapshot>> orders) {
		this.batches.batchUpdate("""
				insert into shop_order (store_id, shopify_id, name, processed_at, shopify_created_at,
				    shopify_updated_at, cancelled_at, test, currency, total_price, current_total_price, refunded_amount,
				    financial_status)
				values (:store, :id, :name, :processedAt, :createdAt, :updatedAt, :cancelledAt, :test, :currency,
				    :totalPrice, :currentTotalPrice,
				    (select coalesce(sum(amount), 0) from refund where store_id = :store and order_id = :id),
				    :financialStatus)
				on conflict (store_id, shopify_id) do update set
				    name = excluded.name, processed_at = excluded.processed_at,
				    shopify_created_at = excluded.shopify_created_at, shopify_updated_at = excluded.shopify_updated_at,
				    cancelled_at = excluded.cancelled_at, test = excluded.test, currency = excluded.currency,
				    total_price = excluded.total_price, current_total_price = excluded.current_total_price,
				    financial_status = excluded.financial_status
				where shop_order.shopify_updated_at <= excluded.shopify_updated_at""",
				orders.entrySet()
					.stream()
					.flatMap((store) -> store.getValue()
						.stream()
						.map((order) -> orderRow(store.getKey(), order)))
					.toArray(SqlParameterSource[]::new));
	}

	private static SqlParameterSource orderRow(UUID storeId, OrderSnapshot order) {
		return new MapSqlParameterSource().addValue("store", storeId)
			.addValue("id", order.id())
			.addValue("name", order.name())
			.addValue("processedAt", timestamp(order.processedAt()))
			.addValue("createdAt", timestamp(order.createdAt()))
			.addValue("updatedAt", timestamp(order.updatedAt()))
			.addValue("cancelledAt", timestamp(order.cancelledAt()))
			.addValue("test", order.test())
			.addValue("currency", order.currency())
			.addValue("totalPrice", order.totalPrice())
			.addValue("currentTotalPrice", order.currentTotalPrice())
			.addValue("financialStatus", order.financialStatus());
	}

	/**
	 * Replaces the line items of each order with those of its snapshot; returns, by store, the variants of the line
	 * items replaced and of their replacements.
	 */
	Map<UUID, Set<Long>> replaceLineItems(Map<UUID, List<OrderSnapshot>> orders) {
		Map<UUID, Set<Long>> variants = new HashMap<>();
		Keys keys = Keys.of(orders.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey,
					(store) -> store.getValue().stream().map(OrderSnapshot::id).toList())));
		this.jdbc.sql("""
				delete from order_line_item where (store_id, order_id) in (
				    select * from unnest(cast(:stores as uuid[]), cast(:ids as bigint[])))
				returning store_id, variant_id""")
			.param("stores", keys.stores())
			.param("ids", keys.ids())
			.query((row) -> {
				long variant = row.getLong("variant_id");
				if (!row.wasNull()) {
					variants.computeIfAbsent(row.getObject("store_id", UUID.class), (store) -> new HashSet<>())
						.add(variant);
				}
			});
		this.batches.batchUpdate("""
				insert into order_line_item (store_id, shopify_id, order_id, product_id, variant_id, sku, quantity,
				    current_quantity, price)
				values (:store, :id, :orderId, :productId, :variantId, :sku, :quantity, :currentQuantity, :price)""",
				orders.entrySet()
					.stream()
					.flatMap((store) -> store.getValue()
						.stream()
						.flatMap((order) -> order.lineItems()
							.stream()
							.map((line) -> lineRow(store.getKey(), order, line))))
					.toArray(SqlParameterSource[]::new));
		orders.forEach((store, changed) -> changed.stream()
			.flatMap((order) -> order.lineItems().stream())
			.map(LineItemSnapshot::variantId)
			.filter(Objects::nonNull)
			.forEach(variants.computeIfAbsent(store, (key) -> new HashSet<>())::add));
		return variants;
	}

	private static SqlParameterSource lineRow(UUID storeId, OrderSnapshot order, LineItemSnapshot line) {
		return new MapSqlParameterSource().addValue("store", storeId)
			.addValue("id", line.id())
			.addValue("orderId", order.id())
			.addValue("productId", line.productId())
			.addValue("variantId", line.variantId())
			.addValue("sku", line.sku())
			.addValue("quantity", line.quantity())
			.addValue("currentQuantity", line.currentQuantity())
			.addValue("price", line.price());
	}

	/** Stores a refund unless it is known already; its order need not be there yet. */
	boolean insertRefund(UUID storeId, RefundSnapshot refund) {
		return this.jdbc.sql("""
				insert into refund (store_id, shopify_id, order_id, amount, processed_at)
				values (:store, :id, :orderId, :amount, :processedAt)
				on conflict (store_id, shopify_id) do nothing""")
			.param("store", storeId)
			.param("id", refund.id())
			.param("orderId", refund.orderId())
			.param("amount", refund.amount())
			.param("processedAt", timestamp(refund.processedAt()))
			.update() == 1;
	}

	/** Sets the order's refunded amount to the sum of its refunds, if the order is there. */
	void updateRefundedAmount(UUID storeId, long orderId) {
		this.jdbc.sql("""
				update shop_order set refunded_amount =
				    (select coalesce(sum(amount), 0) from refund where store_id = :store and order_id = :id)
				where store_id = :store and shopify_id = :id""")
			.param("store", storeId)
			.param("id", orderId)
			.update();
	}

	static OffsetDateTime timestamp(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		return row.getObject(column, OffsetDateTime.class).toInstant();
	}

	/** What the ledger needs of a stored order: its version, and what it adds to its hour's rollup. */
	record StoredVersion(Instant processedAt, OrderVersion version, boolean test, BigDecimal totalPrice) {

		/** Whether the order counts in the rollups, as {@link OrderSnapshot#counts}. */
		boolean counts() {
			return !this.test && !this.version.cancelled();
		}

	}

	/** Orders of several stores as two parallel arrays, for {@code unnest} to pair them up again. */
	private record Keys(String[] stores, Long[] ids) {

		static Keys of(Map<UUID, ? extends Collection<Long>> orderIds) {
			List<String> stores = new ArrayList<>();
			List<Long> ids = new ArrayList<>();
			orderIds.forEach((store, orders) -> orders.forEach((id) -> {
				stores.add(store.toString());
				ids.add(id);
			}));
			return new Keys(stores.toArray(String[]::new), ids.toArray(Long[]::new));
		}

	}

}
