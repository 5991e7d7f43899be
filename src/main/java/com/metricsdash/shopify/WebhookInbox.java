package com.metricsdash.shopify;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The durable inbox of verified webhook deliveries. Unique on the webhook id ({@code X-Shopify-Webhook-Id}), which a
 * retry or a duplicate of a delivery repeats, so a repeated delivery is acknowledged and changes nothing. Not on the
 * event id: Shopify gives it to every delivery one action produces (an order placed sends {@code orders/create} and
 * an {@code inventory_levels/update} per line with one event id), and each of those is a change of its own. Claimed
 * a few shops at a time, each under an advisory lock, with {@code FOR UPDATE SKIP LOCKED}, so several workers and
 * instances can drain it, each its own shops.
 */
@Repository
class WebhookInbox {

	private static final int SHOP_LOCK_NAMESPACE = 0x3B0C5;

	/*
	 * The worker's two reads, each batch, are functions of the schema (migration V15), planned with the pending index's
	 * order as the only cheap one: each reads a few entries of the index per shop, however deep a backlog the table's
	 * statistics do not know of (a new shop's flash sale), where the planner had read all of it.
	 */

	/** The statement of {@link #dueShops}, with the parameter {@code limit}. */
	static final String DUE_SHOPS = "select * from due_shops(:limit)";

	/** The statement of {@link #claim}, with the parameters {@code shops} and {@code share}. */
	static final String CLAIM = "select * from claim_due_deliveries(cast(:shops as text[]), :share)";

	/** The statement of {@link #counts}. */
	static final String COUNTS = """
			select (select count(*) from webhook_inbox where status = 'PENDING'),
			       (select count(*) from webhook_inbox where status = 'PARKED'),
			       (select count(*) from webhook_inbox where status = 'DONE' and processed_at > now() - interval '1 minute')""";

	/** The statement of {@link #newest}, with the parameter {@code limit}. */
	static final String NEWEST = """
			select * from (
			    (select id, webhook_id, event_id, topic, shop_domain, status, attempts, received_at, last_error
			     from webhook_inbox where status = 'PARKED' order by received_at desc limit :limit)
			    union all
			    (select id, webhook_id, event_id, topic, shop_domain, status, attempts, received_at, last_error
			     from webhook_inbox where status <> 'PARKED' order by id desc limit :limit)) as newest
			order by (status = 'PARKED') desc, id desc limit :limit""";

	private final JdbcClient jdbc;

	WebhookInbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores the deliveries, in one statement; returns the webhook ids of those stored, without those stored before
	 * (a repeated webhook id), and once each.
	 */
	List<String> add(List<Delivery> deliveries) {
		return this.jdbc.sql("""
				insert into webhook_inbox (webhook_id, event_id, topic, shop_domain, api_version, triggered_at, payload)
				select * from unnest(cast(:webhookIds as text[]), cast(:eventIds as text[]), cast(:topics as text[]),
				    cast(:shops as text[]), cast(:apiVersions as text[]), cast(:triggeredAts as timestamptz[]),
				    cast(:payloads as text[]))
				on conflict (webhook_id) do nothing
				returning webhook_id""")
			.param("webhookIds", column(deliveries, Delivery::webhookId))
			.param("eventIds", column(deliveries, Delivery::eventId))
			.param("topics", column(deliveries, Delivery::topic))
			.param("shops", column(deliveries, Delivery::shop))
			.param("apiVersions", column(deliveries, Delivery::apiVersion))
			.param("triggeredAts", column(deliveries,
					(delivery) -> (delivery.triggeredAt() != null) ? delivery.triggeredAt().toString() : null))
			.param("payloads", column(deliveries, Delivery::payload))
			.query(String.class)
			.list();
	}

	private static String[] column(List<Delivery> deliveries, Function<Delivery, String> field) {
		return deliveries.stream().map(field).toArray(String[]::new);
	}

	/**
	 * Up to {@code limit} shops with deliveries due, those whose oldest due delivery has waited longest first; for a
	 * worker to pick, among them, shops no other worker holds ({@link #tryLockShops}). The shops with deliveries
	 * pending are found one index probe each (skipping from one shop to the next), and so is each one's oldest due
	 * delivery: however deep the backlog, this costs as much as the number of shops in it.
	 */
	List<String> dueShops(int limit) {
		return this.jdbc.sql(DUE_SHOPS)
			.param("limit", limit)
			.query(String.class)
			.list();
	}

	/**
	 * Takes, in their order, up to {@code most} of these shops for the current transaction, each unless another
	 * transaction (of any instance) holds it: one shop's deliveries are applied by one worker at a time. Never waits,
	 * so workers never wait for each other either. One statement, however many shops are tried: the rows of the
	 * array are filtered one by one in their order, and the limit stops the filter, so no shop beyond those taken is
	 * locked.
	 */
	List<String> tryLockShops(List<String> shops, int most) {
		return this.jdbc.sql("""
				select shop from unnest(cast(:shops as text[])) as due (shop)
				where pg_try_advisory_xact_lock(:namespace, hashtext(shop)) limit :most""")
			.param("shops", shops.toArray(String[]::new))
			.param("namespace", SHOP_LOCK_NAMESPACE)
			.param("most", most)
			.query(String.class)
			.list();
	}

	/**
	 * Locks up to {@code limit} due deliveries of these shops, each shop's oldest first, and as many of each shop as
	 * its share of the limit (all of it for one shop); each shop's read stops at its share.
	 */
	List<Pending> claim(Collection<String> shops, int limit) {
		return this.jdbc.sql(CLAIM)
			.param("shops", shops.toArray(String[]::new))
			.param("share", (limit + shops.size() - 1) / shops.size())
			.query((row, n) -> new Pending(row.getLong("id"), row.getString("webhook_id"), row.getString("topic"),
					row.getString("shop_domain"),
					row.getTimestamp("triggered_at") == null ? null : row.getTimestamp("triggered_at").toInstant(),
					row.getString("payload"), row.getInt("attempts")))
			.list();
	}

	void done(List<Long> ids) {
		this.jdbc.sql("""
				update webhook_inbox set status = 'DONE', processed_at = now(), last_error = null
				where id = any(cast(:ids as bigint[]))""")
			.param("ids", ids.toArray(Long[]::new))
			.update();
	}

	void retryLater(long id, Instant at, String error) {
		this.jdbc.sql("""
				update webhook_inbox set attempts = attempts + 1, next_attempt_at = :at, last_error = :error
				where id = :id""")
			.param("id", id)
			.param("at", Timestamp.from(at))
			.param("error", error)
			.update();
	}

	void park(long id, String reason) {
		this.jdbc.sql("""
				update webhook_inbox set status = 'PARKED', attempts = attempts + 1, last_error = :reason,
				    processed_at = now() where id = :id""")
			.param("id", id)
			.param("reason", reason)
			.update();
	}

	/**
	 * How many deliveries wait, how many are parked and how many were applied in the last minute, for the operator
	 * page: each read from the index of its own status, so the page costs the same however many deliveries the inbox
	 * has applied (a count of every status had read the whole table).
	 */
	Counts counts() {
		return this.jdbc.sql(COUNTS).query((row, n) -> new Counts(row.getLong(1), row.getLong(2), row.getLong(3))).single();
	}

	/**
	 * The newest deliveries, parked ones first, for the operator page: the parked from their own index, the others
	 * read backwards from the newest, so the page reads about {@code limit} rows whatever the table holds.
	 */
	List<Entry> newest(int limit) {
		return this.jdbc.sql(NEWEST)
			.param("limit", limit)
			.query((row, n) -> new Entry(row.getLong("id"), row.getString("webhook_id"), row.getString("event_id"),
					row.getString("topic"), row.getString("shop_domain"), row.getString("status"), row.getInt("attempts"),
					row.getTimestamp("received_at").toInstant(), row.getString("last_error")))
			.list();
	}

	/**
	 * Puts a parked delivery back in the queue, after whatever stopped it was fixed; not one whose payload was
	 * dropped, which has nothing left to apply.
	 */
	boolean retryParked(long id) {
		return this.jdbc.sql("""
				update webhook_inbox set status = 'PENDING', attempts = 0, next_attempt_at = now(), processed_at = null
				where id = :id and status = 'PARKED' and payload is not null""")
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Deletes at most {@code limit} of the deliveries applied before {@code appliedBefore}; returns how many. Their rows
	 * no longer serve to recognise a repeat: a delivery repeated that late carries an {@code X-Shopify-Triggered-At}
	 * older than the intake takes ({@link WebhookProperties#keepProcessed} is never shorter than
	 * {@link WebhookProperties#triggeredWithin}).
	 */
	int deleteApplied(Instant appliedBefore, int limit) {
		return this.jdbc.sql("""
				delete from webhook_inbox where id in (
				    select id from webhook_inbox where status = 'DONE' and processed_at < :appliedBefore limit :limit)""")
			.param("appliedBefore", Timestamp.from(appliedBefore))
			.param("limit", limit)
			.update();
	}

	/**
	 * Drops the payloads of the deliveries parked before {@code parkedBefore}, keeping their rows for the operator;
	 * returns how many it dropped.
	 */
	int dropParkedPayloads(Instant parkedBefore) {
		return this.jdbc.sql("""
				update webhook_inbox set payload = null
				where status = 'PARKED' and payload is not null and processed_at < :parkedBefore""")
			.param("parkedBefore", Timestamp.from(parkedBefore))
			.update();
	}

	/** Deletes every delivery of the shop, whatever its state; returns how many. */
	int eraseShop(ShopDomain shop) {
		return this.jdbc.sql("delete from webhook_inbox where shop_domain = :shop")
			.param("shop", shop.value())
			.update();
	}

	/**
	 * Drops the payloads of the shop's applied and parked deliveries about any of the orders: an order's own
	 * deliveries ({@code "id"}) and its refunds' ({@code "order_id"}), matched in the text, since a parked payload
	 * need not be JSON. Waiting deliveries keep theirs until they are applied: stripped of personal fields at intake,
	 * they are needed to apply the change, and retention drops them after that.
	 */
	int dropOrderPayloads(ShopDomain shop, List<Long> orderIds) {
		if (orderIds.isEmpty()) {
			return 0;
		}
		String ids = String.join("|", orderIds.stream().map(String::valueOf).toList());
		return this.jdbc.sql("""
				update webhook_inbox set payload = null
				where shop_domain = :shop and status <> 'PENDING' and payload is not null
				  and payload ~ :pattern""")
			.param("shop", shop.value())
			.param("pattern", "\"(id|order_id)\"\\s*:\\s*(" + ids + ")\\M")
			.update();
	}

	/**
	 * What the operator page counts: deliveries waiting, parked, and applied in the last minute (the rate the inbox
	 * drains at; the all-time total has no cheap exact count, and retention deletes applied rows anyway).
	 */
	record Counts(long waiting, long parked, long appliedLastMinute) {
	}

	/** A delivery as the operator page shows it; {@code eventId} may be {@code null}. */
	record Entry(long id, String webhookId, String eventId, String topic, String shop, String status, int attempts,
			Instant receivedAt, String lastError) {
	}

	/**
	 * A verified delivery as received; {@code payload} already stripped of personal data.
	 * @param webhookId {@code X-Shopify-Webhook-Id}, the key that tells a repeated delivery from a new one
	 * @param eventId {@code X-Shopify-Event-Id}, shared by the deliveries of one action: information only, may be
	 * {@code null}
	 */
	record Delivery(String webhookId, String eventId, String topic, String shop, String apiVersion,
			Instant triggeredAt, String payload) {
	}

	/** A claimed delivery, locked by the current transaction. */
	record Pending(long id, String webhookId, String topic, String shop, Instant triggeredAt, String payload,
			int attempts) {
	}

}
