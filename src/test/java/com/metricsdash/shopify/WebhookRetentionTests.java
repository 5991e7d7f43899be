package com.metricsdash.shopify;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payload retention: a delivery's payload is dropped once it has been applied for longer than
 * {@code keep-processed} (7 days) or parked for longer than {@code keep-parked} (30 days); its row stays for dedupe.
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
	void retentionDropsPayloadsPastTheirPeriodAndKeepsTheRowsForDedupe() {
		Duration processed = this.properties.keepProcessed();
		Duration parked = this.properties.keepParked();
		String appliedLongAgo = delivery("DONE", processed.plusHours(1));
		String appliedRecently = delivery("DONE", processed.minusHours(1));
		String parkedLongAgo = delivery("PARKED", parked.plusHours(1));
		String parkedRecently = delivery("PARKED", parked.minusHours(1));
		String waitingLong = delivery("PENDING", null);

		this.erasure.dropExpiredPayloads();

		assertThat(payloadKept(appliedLongAgo)).isFalse();
		assertThat(payloadKept(parkedLongAgo)).isFalse();
		assertThat(payloadKept(appliedRecently)).isTrue();
		assertThat(payloadKept(parkedRecently)).isTrue();
		assertThat(payloadKept(waitingLong)).as("a delivery not yet applied keeps what it needs").isTrue();
		assertThat(this.inbox.add(List.of(new WebhookInbox.Delivery(appliedLongAgo, null, "orders/create", this.shop,
				null, null, "{\"id\": 1}"))))
			.as("a repeat of a delivery whose payload was dropped is still recognised")
			.isEmpty();
	}

	@Test
	void aParkedDeliveryWhosePayloadWasDroppedCannotBeRetried() {
		String dropped = delivery("PARKED", this.properties.keepParked().plusHours(1));
		String kept = delivery("PARKED", Duration.ofHours(1));

		this.erasure.dropExpiredPayloads();

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

	private boolean payloadKept(String webhookId) {
		return this.jdbc.sql("select payload is not null from webhook_inbox where webhook_id = :webhookId")
			.param("webhookId", webhookId)
			.query(Boolean.class)
			.single();
	}

	private long id(String webhookId) {
		return this.jdbc.sql("select id from webhook_inbox where webhook_id = :webhookId")
			.param("webhookId", webhookId)
			.query(Long.class)
			.single();
	}

}
