package com.metricsdash.shopify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention: a delivery applied for longer than {@code keep-processed} (7 days) is deleted, a few thousand rows a
 * statement; one parked for longer than {@code keep-parked} (30 days) loses its payload and keeps its row for the
 * operator. A repeat of a deleted delivery is refused at intake by its trigger time ({@link WebhookPropertiesTests}).
 */
@IntegrationTest
class WebhookRetentionTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WebhookPayloadErasure erasure;

	@Autowired
	WebhookInbox inbox;

	@Autowired
	WebhookProperties properties;

	final String shop = "retention-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";

	@Test
	void retentionDeletesAppliedDeliveriesAndDropsParkedPayloadsPastTheirPeriod() {
		Duration processed = this.properties.keepProcessed();
		Duration parked = this.properties.keepParked();
		String appliedLongAgo = delivery("DONE", processed.plusHours(1));
		String appliedRecently = delivery("DONE", processed.minusHours(1));
		String parkedLongAgo = delivery("PARKED", parked.plusHours(1));
		String parkedRecently = delivery("PARKED", parked.minusHours(1));
		String waitingLong = delivery("PENDING", null);

		this.erasure.expire();

		assertThat(payloadKept(appliedLongAgo)).as("deleted").isEmpty();
		assertThat(payloadKept(parkedLongAgo)).contains(false);
		assertThat(payloadKept(appliedRecently)).contains(true);
		assertThat(payloadKept(parkedRecently)).contains(true);
		assertThat(payloadKept(waitingLong)).as("a delivery not yet applied keeps what it needs").contains(true);
		assertThat(this.inbox.add(List.of(new WebhookInbox.Delivery(appliedRecently, null, "orders/create", this.shop,
				null, null, "{\"id\": 1}"))))
			.as("a repeat of a delivery still kept is recognised")
			.isEmpty();
	}

	@Test
	void appliedDeliveriesAreDeletedAFewAtATime() {
		Duration longAgo = this.properties.keepProcessed().plusDays(1);
		Instant appliedBefore = Instant.now().minus(this.properties.keepProcessed());
		this.inbox.deleteApplied(appliedBefore, Integer.MAX_VALUE);
		List<String> applied = List.of(delivery("DONE", longAgo), delivery("DONE", longAgo), delivery("DONE", longAgo));

		assertThat(this.inbox.deleteApplied(appliedBefore, 2)).isEqualTo(2);
		assertThat(applied.stream().filter((webhookId) -> payloadKept(webhookId).isPresent())).hasSize(1);
		assertThat(this.inbox.deleteApplied(appliedBefore, 2)).isEqualTo(1);
		assertThat(this.inbox.deleteApplied(appliedBefore, 2)).isZero();
	}

	@Test
	void oneRunDeletesEveryAppliedDeliveryPastItsTimeHoweverMany() {
		InboxRows.insert(this.jdbc, this.shop, "applied", WebhookPayloadErasure.DELETED_AT_ONCE + 1, "DONE",
				this.properties.keepProcessed().plusHours(1).toSeconds() + " seconds");

		this.erasure.expire();

		assertThat(this.jdbc.sql("select count(*) from webhook_inbox where shop_domain = :shop")
			.param("shop", this.shop)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aParkedDeliveryWhosePayloadWasDroppedCannotBeRetried() {
		String dropped = delivery("PARKED", this.properties.keepParked().plusHours(1));
		String kept = delivery("PARKED", Duration.ofHours(1));

		this.erasure.expire();

		assertThat(this.inbox.retryParked(id(dropped))).isFalse();
		assertThat(this.inbox.retryParked(id(kept))).isTrue();
	}

	/** A delivery of the shop in {@code status}, processed (applied or parked) {@code ago}; returns its webhook id. */
	private String delivery(String status, Duration ago) {
		String webhookId = UUID.randomUUID().toString();
		this.jdbc.sql("""
				insert into webhook_inbox (webhook_id, topic, shop_domain, payload, status, received_at, processed_at,
				    next_attempt_at)
				values (:webhookId, 'orders/create', :shop, '{"id": 1}', :status,
				    now() - cast(:received as interval), now() - cast(:processed as interval), now() + interval '1 day')""")
			.param("webhookId", webhookId)
			.param("shop", this.shop)
			.param("status", status)
			.param("received", (ago != null ? ago : Duration.ofDays(60)).toSeconds() + " seconds")
			.param("processed", (ago != null) ? ago.toSeconds() + " seconds" : null)
			.update();
		return webhookId;
	}

	/** Whether the delivery's payload is kept; empty when its row is gone. */
	private Optional<Boolean> payloadKept(String webhookId) {
		return this.jdbc.sql("select payload is not null from webhook_inbox where webhook_id = :webhookId")
			.param("webhookId", webhookId)
			.query(Boolean.class)
			.optional();
	}

	private long id(String webhookId) {
		return this.jdbc.sql("select id from webhook_inbox where webhook_id = :webhookId")
			.param("webhookId", webhookId)
			.query(Long.class)
			.single();
	}

}
