package com.metricsdash.digest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code digest_delivery}: one row per store, period and address, its unique key the guard that a period's digest
 * goes to an address once, however many instances run the send pass at the same moment and however often they
 * restart. A row is claimed (its attempt counted and leased) before its mail is sent, with {@code skip locked}, so
 * two passes never hold the same row.
 */
@Repository
class DeliveryRepository {

	private final JdbcClient jdbc;

	DeliveryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the period's digest for each address of the store that receives digests and had confirmed by the
	 * period's start; an address that has its row already keeps it. Returns how many rows were added.
	 */
	int enqueue(UUID storeId, Instant period, Instant now) {
		return this.jdbc.sql("""
				insert into digest_delivery (store_id, period_start, email, next_attempt_at)
				select store_id, :period, email, :now from digest_recipient
				where store_id = :store and confirmed_at <= :period and unsubscribed_at is null
				on conflict (store_id, period_start, email) do nothing""")
			.param("store", storeId)
			.param("period", Timestamp.from(period))
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Takes up to {@code limit} sends that are due, leasing each until {@code leasedUntil}. */
	List<Delivery> claim(Instant now, Instant leasedUntil, int limit) {
		return this.jdbc.sql("""
				update digest_delivery d set attempts = d.attempts + 1, next_attempt_at = :lease
				from (select id from digest_delivery where status = 'PENDING' and next_attempt_at <= :now
				      order by next_attempt_at, id limit :limit for update skip locked) ready
				where d.id = ready.id
				returning d.id, d.store_id, d.period_start, d.email, d.attempts""")
			.param("now", Timestamp.from(now))
			.param("lease", Timestamp.from(leasedUntil))
			.param("limit", limit)
			.query((row, n) -> new Delivery(row.getLong("id"), row.getObject("store_id", UUID.class),
					row.getTimestamp("period_start").toInstant(), row.getString("email"), row.getInt("attempts")))
			.list();
	}

	void sent(long id, Instant at) {
		this.jdbc.sql("update digest_delivery set status = 'SENT', sent_at = :at, last_error = null where id = :id")
			.param("id", id)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** A failed attempt: tried again at {@code retryAt}, or given up on when that is {@code null}. */
	void failed(long id, String error, Instant retryAt) {
		this.jdbc.sql("""
				update digest_delivery set last_error = :error, status = :status,
				    next_attempt_at = coalesce(:retry, next_attempt_at)
				where id = :id""")
			.param("id", id)
			.param("error", error)
			.param("status", (retryAt != null) ? "PENDING" : "FAILED")
			.param("retry", (retryAt != null) ? Timestamp.from(retryAt) : null)
			.update();
	}

	/** A send whose address stopped receiving digests after it was recorded: there is nothing to send. */
	void drop(long id) {
		this.jdbc.sql("delete from digest_delivery where id = :id").param("id", id).update();
	}

	/** The store's sends since {@code since} that failed or are being retried, newest first. */
	List<Problem> problems(UUID storeId, Instant since) {
		return this.jdbc.sql("""
				select email, period_start, status, attempts, last_error from digest_delivery
				where store_id = :store and period_start >= :since and last_error is not null and status <> 'SENT'
				order by period_start desc, email""")
			.param("store", storeId)
			.param("since", Timestamp.from(since))
			.query((row, n) -> new Problem(row.getString("email"), row.getTimestamp("period_start").toInstant(),
					"FAILED".equals(row.getString("status")), row.getInt("attempts"), row.getString("last_error")))
			.list();
	}

	/** One period's digest to one address, as claimed: {@code attempts} counts this one. */
	record Delivery(long id, UUID storeId, Instant period, String email, int attempts) {
	}

	/**
	 * A send that went wrong, for the settings page (public accessors, for the template).
	 *
	 * @param failed whether it was given up on, rather than waiting for its next try
	 */
	record Problem(String email, Instant period, boolean failed, int attempts, String error) {
	}

}
