package com.metricsdash.alerts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code inventory_alert}: at most one open alert (active or acknowledged) per variant and type, which the unique
 * partial index {@code inventory_alert_open} guarantees even when two evaluations race. Alerts are written in batches,
 * one statement each for those that fire, those still open and those that resolve, whatever their number.
 */
@Repository
class AlertRepository {

	private static final String COLUMNS = """
			id, store_id, product_id, variant_id, product_title, variant_title, sku, alert_type, threshold,
			current_level, status, created_at, resolved_at, acknowledged_at, units_sold, velocity, velocity_days,
			in_stock_days, velocity_fallback, days_of_cover, reorder_point, lost_revenue_per_day""";

	/** Most urgent first: out of stock, then by the revenue lost a day, then the fewest days of cover. */
	private static final String RANKED = """
			order by current_level <= 0 desc, lost_revenue_per_day desc nulls last, days_of_cover nulls last,
			created_at desc, id""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	AlertRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The open alerts of the store's variants of these inventory items, or of every variant when {@code null}. */
	List<OpenAlert> open(UUID storeId, Collection<Long> inventoryItemIds) {
		return this.jdbc.sql("""
				select id, variant_id, alert_type from inventory_alert
				where store_id = :store and status <> 'RESOLVED'
				  and (cast(:items as bigint[]) is null or inventory_item_id = any(cast(:items as bigint[])))""")
			.param("store", storeId)
			.param("items", (inventoryItemIds != null) ? inventoryItemIds.stream()
				.map(String::valueOf)
				.collect(Collectors.joining(",", "{", "}")) : null)
			.query((row, n) -> new OpenAlert(row.getObject("id", UUID.class), row.getLong("variant_id"),
					AlertType.valueOf(row.getString("alert_type"))))
			.list();
	}

	/** Opens an alert for each reading whose variant has none of its type open; returns those opened. */
	List<Alert> fire(UUID storeId, List<Reading> readings, Instant at) {
		if (readings.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				insert into inventory_alert (store_id, product_id, variant_id, inventory_item_id, product_title,
				    variant_title, sku, alert_type, threshold, current_level, units_sold, velocity, velocity_days,
				    in_stock_days, velocity_fallback, days_of_cover, reorder_point, lost_revenue_per_day, created_at,
				    updated_at)
				select :store, product_id, variant_id, inventory_item_id, product_title, variant_title, sku, alert_type,
				       threshold, current_level, units_sold, velocity, velocity_days, in_stock_days, velocity_fallback,
				       days_of_cover, reorder_point, lost_revenue_per_day, :at, :at
				from jsonb_to_recordset(cast(:rows as jsonb)) as r(%s)
				on conflict (store_id, variant_id, alert_type) where status <> 'RESOLVED' do nothing
				returning %s""".formatted(Reading.RECORD, COLUMNS))
			.param("store", storeId)
			.param("rows", rows(readings))
			.param("at", Timestamp.from(at))
			.query(AlertRepository::alert)
			.list();
	}

	/** Brings the numbers of open alerts up to date, e.g. the level as it drops further. */
	void refresh(UUID storeId, List<Reading> readings, Instant at) {
		if (readings.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				update inventory_alert a
				set product_title = r.product_title, variant_title = r.variant_title, sku = r.sku,
				    threshold = r.threshold, current_level = r.current_level, units_sold = r.units_sold,
				    velocity = r.velocity, velocity_days = r.velocity_days, in_stock_days = r.in_stock_days,
				    velocity_fallback = r.velocity_fallback, days_of_cover = r.days_of_cover,
				    reorder_point = r.reorder_point, lost_revenue_per_day = r.lost_revenue_per_day, updated_at = :at
				from jsonb_to_recordset(cast(:rows as jsonb)) as r(%s)
				where a.store_id = :store and a.id = r.id and a.status <> 'RESOLVED'
				  and (a.threshold, a.current_level, a.units_sold, a.velocity, a.in_stock_days, a.days_of_cover,
				       a.reorder_point, a.lost_revenue_per_day, a.product_title, a.variant_title, a.sku)
				      is distinct from (r.threshold, r.current_level, r.units_sold, r.velocity, r.in_stock_days,
				       r.days_of_cover, r.reorder_point, r.lost_revenue_per_day, r.product_title, r.variant_title,
				       r.sku)""".formatted(Reading.RECORD))
			.param("store", storeId)
			.param("rows", rows(readings))
			.param("at", Timestamp.from(at))
			.update();
	}

	/** Resolves these open alerts, their numbers kept as last seen open; returns those resolved. */
	List<Alert> resolve(UUID storeId, Collection<UUID> ids, Instant at) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				update inventory_alert set status = 'RESOLVED', resolved_at = :at, updated_at = :at
				where store_id = :store and id = any(cast(:ids as uuid[])) and status <> 'RESOLVED'
				returning %s""".formatted(COLUMNS))
			.param("store", storeId)
			.param("ids", ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}")))
			.param("at", Timestamp.from(at))
			.query(AlertRepository::alert)
			.list();
	}

	/**
	 * The store's alerts of one status, or its open ones (active and acknowledged), of one type or all, most urgent
	 * first.
	 */
	List<Alert> list(UUID storeId, AlertStatus status, AlertType type) {
		String which = (status != null) ? "status = :status" : "status <> 'RESOLVED'";
		return this.jdbc.sql("select " + COLUMNS + " from inventory_alert where store_id = :store and " + which
				+ " and (cast(:type as text) is null or alert_type = :type)\n" + RANKED)
			.param("store", storeId)
			.param("status", (status != null) ? status.name() : null)
			.param("type", (type != null) ? type.name() : null)
			.query(AlertRepository::alert)
			.list();
	}

	/**
	 * How many of the store's alerts nobody has seen to yet (the active ones, neither acknowledged nor resolved), and
	 * when any of its alerts last changed: every change (fired, refreshed, acknowledged, resolved) sets
	 * {@code updated_at}. Empty of a time while the store has had no alert.
	 */
	Unread unread(UUID storeId) {
		return this.jdbc.sql("""
				select count(*) filter (where status = 'ACTIVE') as unread, max(updated_at) as changed
				from inventory_alert where store_id = :store""")
			.param("store", storeId)
			.query((row, number) -> new Unread(row.getInt("unread"),
					Optional.ofNullable(row.getTimestamp("changed")).map(Timestamp::toInstant)))
			.single();
	}

	/** The store's unread alerts, and when its alerts last changed. */
	record Unread(int count, Optional<Instant> changed) {
	}

	Optional<Alert> find(UUID storeId, UUID alertId) {
		return this.jdbc.sql("select " + COLUMNS + " from inventory_alert where store_id = :store and id = :id")
			.param("store", storeId)
			.param("id", alertId)
			.query(AlertRepository::alert)
			.optional();
	}

	/** Acknowledges the alert if it is active; returns whether it was. */
	boolean acknowledge(UUID storeId, UUID alertId, Instant at) {
		return this.jdbc.sql("""
				update inventory_alert set status = 'ACKNOWLEDGED', acknowledged_at = :at, updated_at = :at
				where store_id = :store and id = :id and status = 'ACTIVE'""")
			.param("store", storeId)
			.param("id", alertId)
			.param("at", Timestamp.from(at))
			.update() == 1;
	}

	private String rows(List<Reading> readings) {
		return this.json.writeValueAsString(readings.stream().map(Reading::row).toList());
	}

	private static Alert alert(ResultSet row, int number) throws SQLException {
		return new Alert(row.getObject("id", UUID.class), row.getObject("store_id", UUID.class),
				row.getLong("product_id"), row.getLong("variant_id"), row.getString("product_title"),
				row.getString("variant_title"), row.getString("sku"),
				AlertType.valueOf(row.getString("alert_type")).value(), plain(row.getBigDecimal("threshold")),
				row.getInt("current_level"), AlertStatus.valueOf(row.getString("status")).value(),
				instant(row, "created_at"), instant(row, "resolved_at"), instant(row, "acknowledged_at"),
				row.getObject("units_sold", Integer.class), plain(row.getBigDecimal("velocity")),
				row.getObject("velocity_days", Integer.class), row.getObject("in_stock_days", Integer.class),
				row.getBoolean("velocity_fallback"), row.getBigDecimal("days_of_cover"),
				row.getBigDecimal("reorder_point"), money(row.getBigDecimal("lost_revenue_per_day")));
	}

	/** 10 rather than 10.00, 1.5 rather than 1.5000. */
	private static BigDecimal plain(BigDecimal number) {
		if (number == null) {
			return null;
		}
		BigDecimal stripped = number.stripTrailingZeros();
		return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
	}

	private static BigDecimal money(BigDecimal amount) {
		return (amount != null) ? amount.setScale(2, RoundingMode.HALF_UP) : null;
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		Timestamp at = row.getTimestamp(column);
		return (at != null) ? at.toInstant() : null;
	}

	/** An open alert: what the evaluation compares with the conditions. */
	record OpenAlert(UUID id, long variantId, AlertType type) {
	}

	/**
	 * The numbers of one alert type for one variant, as an alert records them; {@code id} is the open alert's when it
	 * refreshes one, {@code null} when it fires a new one.
	 */
	record Reading(UUID id, AlertType type, Assessment assessment) {

		static final String RECORD = """
				id uuid, product_id bigint, variant_id bigint, inventory_item_id bigint, product_title text,
				variant_title text, sku text, alert_type text, threshold numeric, current_level integer,
				units_sold integer, velocity numeric, velocity_days smallint, in_stock_days smallint,
				velocity_fallback boolean, days_of_cover numeric, reorder_point numeric, lost_revenue_per_day numeric""";

		Map<String, Object> row() {
			Assessment a = this.assessment;
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("id", (this.id != null) ? this.id.toString() : null);
			row.put("product_id", a.variant().productId());
			row.put("variant_id", a.variant().variantId());
			row.put("inventory_item_id", a.variant().inventoryItemId());
			row.put("product_title", a.variant().productTitle());
			row.put("variant_title", a.variant().variantTitle());
			row.put("sku", a.variant().sku());
			row.put("alert_type", this.type.name());
			row.put("threshold", a.line(this.type));
			row.put("current_level", a.available());
			row.put("units_sold", a.unitsSold());
			row.put("velocity", a.velocity());
			row.put("velocity_days", a.windowDays());
			row.put("in_stock_days", a.inStockDays());
			row.put("velocity_fallback", a.fallback());
			row.put("days_of_cover", a.daysOfCover());
			row.put("reorder_point", a.reorderPoint());
			row.put("lost_revenue_per_day", a.lostRevenuePerDay());
			return row;
		}

	}

}
