package com.metricsdash.digest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A store's digest settings: the schedule columns of {@code store_settings} (a store without a row has the defaults,
 * and the table's other columns are left to their features) and its recipients ({@code digest_recipient}).
 */
@Repository
class DigestRepository {

	private static final String RECIPIENT = "id, store_id, email, added_at, confirmed_at, unsubscribed_at";

	private final JdbcClient jdbc;

	DigestRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	DigestSchedule schedule(UUID storeId) {
		return this.jdbc.sql("select digest_frequency, digest_hour, digest_weekday from store_settings where store_id = :store")
			.param("store", storeId)
			.query((row, n) -> schedule(row))
			.optional()
			.orElse(DigestSchedule.DEFAULT);
	}

	void save(UUID storeId, DigestSchedule schedule) {
		this.jdbc.sql("""
				insert into store_settings (store_id, digest_frequency, digest_hour, digest_weekday, updated_at)
				values (:store, :frequency, :hour, :weekday, now())
				on conflict (store_id) do update set digest_frequency = excluded.digest_frequency,
				    digest_hour = excluded.digest_hour, digest_weekday = excluded.digest_weekday,
				    updated_at = excluded.updated_at""")
			.param("store", storeId)
			.param("frequency", schedule.frequency().name())
			.param("hour", schedule.hour())
			.param("weekday", schedule.weekday().getValue())
			.update();
	}

	/** The schedules of installed stores with at least one address that receives digests. */
	List<StoreSchedule> schedulesWithRecipients() {
		return this.jdbc.sql("""
				select s.id, coalesce(ss.digest_frequency, 'DAILY') as digest_frequency,
				       coalesce(ss.digest_hour, 8) as digest_hour, coalesce(ss.digest_weekday, 1) as digest_weekday
				from store s left join store_settings ss on ss.store_id = s.id
				where s.status = 'INSTALLED' and exists (select 1 from digest_recipient r where r.store_id = s.id
				    and r.confirmed_at is not null and r.unsubscribed_at is null)""")
			.query((row, n) -> new StoreSchedule(row.getObject("id", UUID.class), schedule(row)))
			.list();
	}

	List<Recipient> recipients(UUID storeId) {
		return this.jdbc.sql("select " + RECIPIENT + " from digest_recipient where store_id = :store order by added_at, email")
			.param("store", storeId)
			.query(DigestRepository::recipient)
			.list();
	}

	Optional<Recipient> recipient(UUID recipientId) {
		return this.jdbc.sql("select " + RECIPIENT + " from digest_recipient where id = :id")
			.param("id", recipientId)
			.query(DigestRepository::recipient)
			.optional();
	}

	/** The store's recipient of that address, if it has one. */
	Optional<Recipient> recipient(UUID storeId, String email) {
		return this.jdbc.sql("select " + RECIPIENT + " from digest_recipient where store_id = :store and email = :email")
			.param("store", storeId)
			.param("email", email)
			.query(DigestRepository::recipient)
			.optional();
	}

	/**
	 * Adds the address, or starts it over when it was there (unconfirmed or unsubscribed): either way it waits for a
	 * fresh confirmation. An address that is confirmed stays as it is; returns empty then.
	 */
	Optional<Recipient> add(UUID storeId, String email) {
		return this.jdbc.sql("""
				insert into digest_recipient (store_id, email) values (:store, :email)
				on conflict (store_id, email) do update set added_at = now(), confirmed_at = null, unsubscribed_at = null
				where digest_recipient.confirmed_at is null or digest_recipient.unsubscribed_at is not null
				returning """ + " " + RECIPIENT)
			.param("store", storeId)
			.param("email", email)
			.query(DigestRepository::recipient)
			.optional();
	}

	/** Confirms the address if it waits for it; returns whether it did. */
	boolean confirm(UUID recipientId, Instant at) {
		return this.jdbc.sql("""
				update digest_recipient set confirmed_at = :at
				where id = :id and confirmed_at is null and unsubscribed_at is null""")
			.param("id", recipientId)
			.param("at", Timestamp.from(at))
			.update() == 1;
	}

	/** Stops digests to the address; returns whether it was receiving them or waiting to. */
	boolean unsubscribe(UUID recipientId, Instant at) {
		return this.jdbc.sql("update digest_recipient set unsubscribed_at = :at where id = :id and unsubscribed_at is null")
			.param("id", recipientId)
			.param("at", Timestamp.from(at))
			.update() == 1;
	}

	boolean remove(UUID storeId, UUID recipientId) {
		return this.jdbc.sql("delete from digest_recipient where store_id = :store and id = :id")
			.param("store", storeId)
			.param("id", recipientId)
			.update() == 1;
	}

	private static DigestSchedule schedule(ResultSet row) throws SQLException {
		return new DigestSchedule(DigestFrequency.valueOf(row.getString("digest_frequency")), row.getInt("digest_hour"),
				DayOfWeek.of(row.getInt("digest_weekday")));
	}

	private static Recipient recipient(ResultSet row, int number) throws SQLException {
		return new Recipient(row.getObject("id", UUID.class), row.getObject("store_id", UUID.class),
				row.getString("email"), instant(row, "added_at"), instant(row, "confirmed_at"),
				instant(row, "unsubscribed_at"));
	}

	static Instant instant(ResultSet row, String column) throws SQLException {
		Timestamp at = row.getTimestamp(column);
		return (at != null) ? at.toInstant() : null;
	}

	/** A store and when its digest goes out. */
	record StoreSchedule(UUID storeId, DigestSchedule schedule) {
	}

}
