package com.metricsdash.sales;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

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
	 * Serialises the store's sales writes until the transaction ends, across threads and instances, so that a rollup
	 * recomputed from the orders can never be overwritten by one computed from an older view of them.
	 */
	void lockStore(UUID storeId) {
		this.jdbc.sql("select pg_advisory_xact_lock(:namespace, hashtext(cast(:store as text)))")
			.param("namespace", LOCK_NAMESPACE)
			.param("store", storeId)
			.query()
			.listOfRows();
	}

	/** The stored version of each of these orders that the store has. */
	Map<Long, StoredVersion> versions(UUID storeId, Collection<Long> orderIds) {
		Map<Long, StoredVersion> versions = new HashMap<>();
		this.jdbc.sql("""
				select shopify_id, processed_at, shopify_updated_at, cancelled_at, current_total_price, test,
				    total_price from shop_order
				where store_id = :store and shopify_id = any(cast(:ids as bigint[]))""")
			.param("store", storeId)
			.param("ids", orderIds.toArray(Long[]::new))
			.query((ResultSet row) -> {
				versions.put(row.getLong("shopify_id"), new StoredVersion(instant(row, "processed_at"),
						new OrderVersion(instant(row, "shopify_updated_at"), row.getTimestamp("cancelled_at") != null,
								row.getBigDecimal("current_total_price")), row.getBoolean("test"),
						row.getBigDecimal("total_price")));
			});
		return versions;
	}

	/**
	 * Inserts the orders or overwrites them with these versions, which the caller found later than the stored ones
	 * (under the store's lock); never with a version of an older time. An inserted order takes the refunds that
	 * arrived before it.
	 */
	void upsert(UUID storeId, List<OrderSnapshot> orders) {
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
				orders.stream()
					.map((order) -> new MapSqlParameterSource().addValue("store", storeId)
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
						.addValue("financialStatus", order.financialStatus()))
					.toArray(SqlParameterSource[]::new));
	}

	/**
	 * Replaces the line items of each order with those of its snapshot; returns the variants of the line items
	 * replaced and of their replacements.
	 */
	Set<Long> replaceLineItems(UUID storeId, List<OrderSnapshot> orders) {
		Set<Long> variants = new HashSet<>();
		this.jdbc.sql("""
				delete from order_line_item where store_id = :store and order_id = any(cast(:ids as bigint[]))
				returning variant_id""")
			.param("store", storeId)
			.param("ids", orders.stream().map(OrderSnapshot::id).toArray(Long[]::new))
			.query((row) -> {
				long variant = row.getLong("variant_id");
				if (!row.wasNull()) {
					variants.add(variant);
				}
			});
		this.batches.batchUpdate("""
				insert into order_line_item (store_id, shopify_id, order_id, product_id, variant_id, sku, quantity,
				    current_quantity, price)
				values (:store, :id, :orderId, :productId, :variantId, :sku, :quantity, :currentQuantity, :price)""",
				orders.stream()
					.flatMap((order) -> order.lineItems()
						.stream()
						.map((line) -> new MapSqlParameterSource().addValue("store", storeId)
							.addValue("id", line.id())
							.addValue("orderId", order.id())
							.addValue("productId", line.productId())
							.addValue("variantId", line.variantId())
							.addValue("sku", line.sku())
							.addValue("quantity", line.quantity())
							.addValue("currentQuantity", line.currentQuantity())
							.addValue("price", line.price())))
					.toArray(SqlParameterSource[]::new));
		orders.forEach((order) -> order.lineItems()
			.stream()
			.map(LineItemSnapshot::variantId)
			.filter(Objects::nonNull)
			.forEach(variants::add));
		return variants;
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

}
