package com.metricsdash.sync;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Where each phase of a store's initial sync stands, kept so that a restart resumes instead of starting over. */
@Repository
class SyncPhases {

	private final JdbcClient jdbc;

	SyncPhases(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every phase of the store, created pending the first time. */
	List<PhaseState> of(UUID storeId) {
		for (SyncPhase phase : SyncPhase.values()) {
			this.jdbc.sql("insert into sync_phase (store_id, phase) values (:store, :phase) on conflict do nothing")
				.param("store", storeId)
				.param("phase", phase.name())
				.update();
		}
		return this.jdbc.sql("""
				select phase, status, bulk_operation_id, objects_done, objects_total, error from sync_phase
				where store_id = :store""")
			.param("store", storeId)
			.query((row, n) -> new PhaseState(SyncPhase.valueOf(row.getString("phase")), row.getString("status"),
					row.getString("bulk_operation_id"), row.getLong("objects_done"),
					(Long) row.getObject("objects_total"), row.getString("error")))
			.list()
			.stream()
			.sorted(java.util.Comparator.comparing(PhaseState::phase))
			.toList();
	}

	void started(UUID storeId, SyncPhase phase, String bulkOperationId) {
		this.jdbc.sql("""
				update sync_phase set status = 'RUNNING', bulk_operation_id = :bulk, objects_done = 0, error = null,
				    started_at = coalesce(started_at, now()), updated_at = now()
				where store_id = :store and phase = :phase""")
			.param("store", storeId)
			.param("phase", phase.name())
			.param("bulk", bulkOperationId)
			.update();
	}

	void progress(UUID storeId, SyncPhase phase, long done, Long total) {
		this.jdbc.sql("""
				update sync_phase set objects_done = :done, objects_total = :total, updated_at = now()
				where store_id = :store and phase = :phase""")
			.param("store", storeId)
			.param("phase", phase.name())
			.param("done", done)
			.param("total", total)
			.update();
	}

	void completed(UUID storeId, SyncPhase phase) {
		this.jdbc.sql("""
				update sync_phase set status = 'COMPLETE', finished_at = now(), updated_at = now()
				where store_id = :store and phase = :phase""")
			.param("store", storeId)
			.param("phase", phase.name())
			.update();
	}

	void failed(UUID storeId, SyncPhase phase, String error) {
		this.jdbc.sql("""
				update sync_phase set status = 'ERROR', error = :error, bulk_operation_id = null, updated_at = now()
				where store_id = :store and phase = :phase""")
			.param("store", storeId)
			.param("phase", phase.name())
			.param("error", error)
			.update();
	}

	/**
	 * When the phase's first export started, if the phase has completed: what it read holds every change Shopify had
	 * made before then. Empty too when it read pages without starting an export.
	 */
	Optional<Instant> completedFrom(UUID storeId, SyncPhase phase) {
		return this.jdbc.sql("""
				select started_at from sync_phase
				where store_id = :store and phase = :phase and status = 'COMPLETE' and started_at is not null""")
			.param("store", storeId)
			.param("phase", phase.name())
			.query((row, n) -> row.getTimestamp("started_at").toInstant())
			.optional();
	}

	/** Makes failed phases run again (from a fresh export) on the next attempt. */
	void retry(UUID storeId) {
		this.jdbc.sql("update sync_phase set status = 'PENDING', error = null where store_id = :store and status = 'ERROR'")
			.param("store", storeId)
			.update();
	}

	/** A phase as stored; {@code bulkOperationId} is set while its export runs or awaits import. */
	record PhaseState(SyncPhase phase, String status, String bulkOperationId, long done, Long total, String error) {

		boolean complete() {
			return "COMPLETE".equals(this.status);
		}

	}

}
