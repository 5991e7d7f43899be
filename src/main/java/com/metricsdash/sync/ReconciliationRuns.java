package com.metricsdash.sync;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The record of each reconciliation pass over a store: from when it checked, what it checked and what it repaired. A
 * store has at most one run open at a time (a unique index of the open ones), which keeps a second pass off a store
 * that one is still reading, whatever the instance.
 */
@Repository
class ReconciliationRuns {

	/**
	 * How long a pass over one store may take before its run is taken for abandoned: a store of 10,000 variants takes
	 * about half an hour on the Standard plan.
	 */
	static final Duration ABANDONED_AFTER = Duration.ofHours(2);

	private final JdbcClient jdbc;

	ReconciliationRuns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Opens a run of a pass over the store, unless one is open already, on this instance or another: empty then, and
	 * the pass is left to it. A run open for longer than {@link #ABANDONED_AFTER} is one whose instance died in the
	 * middle of it (a stop closes its runs): it is closed as such first, so that the store is reconciled again.
	 */
	Optional<Long> start(UUID storeId, Instant checkedFrom, Instant startedAt) {
		this.jdbc.sql("""
				update reconciliation_run set finished_at = :now, error = :error
				where store_id = :store and finished_at is null and started_at < :abandonedBefore""")
			.param("store", storeId)
			.param("now", Timestamp.from(startedAt))
			.param("error", "Abandoned: open for more than " + ABANDONED_AFTER.toHours() + " hours")
			.param("abandonedBefore", Timestamp.from(startedAt.minus(ABANDONED_AFTER)))
			.update();
		return this.jdbc.sql("""
				insert into reconciliation_run (store_id, checked_from, started_at) values (:store, :from, :started)
				on conflict (store_id) where finished_at is null do nothing
				returning id""")
			.param("store", storeId)
			.param("from", Timestamp.from(checkedFrom))
			.param("started", Timestamp.from(startedAt))
			.query(Long.class)
			.optional();
	}

	void finish(long runId, Run counts, Instant finishedAt, String error) {
		this.jdbc.sql("""
				update reconciliation_run set finished_at = :finished, orders_checked = :ordersChecked,
				    orders_repaired = :ordersRepaired, inventory_checked = :inventoryChecked,
				    inventory_repaired = :inventoryRepaired, error = :error
				where id = :id""")
			.param("id", runId)
			.param("finished", Timestamp.from(finishedAt))
			.param("ordersChecked", counts.ordersChecked())
			.param("ordersRepaired", counts.ordersRepaired())
			.param("inventoryChecked", counts.inventoryChecked())
			.param("inventoryRepaired", counts.inventoryRepaired())
			.param("error", error)
			.update();
	}

	/** The last pass that finished without error. */
	Optional<Run> latest(UUID storeId) {
		return this.jdbc.sql("""
				select started_at, orders_checked, orders_repaired, inventory_checked, inventory_repaired
				from reconciliation_run where store_id = :store and finished_at is not null and error is null
				order by started_at desc limit 1""")
			.param("store", storeId)
			.query((row, n) -> new Run(row.getTimestamp("started_at").toInstant(), row.getInt("orders_checked"),
					row.getInt("orders_repaired"), row.getInt("inventory_checked"), row.getInt("inventory_repaired")))
			.optional();
	}

	/** What one pass found; {@code startedAt} is the moment up to which the store is verified. */
	record Run(Instant startedAt, int ordersChecked, int ordersRepaired, int inventoryChecked, int inventoryRepaired) {

		public int repaired() {
			return this.ordersRepaired + this.inventoryRepaired;
		}

	}

}
