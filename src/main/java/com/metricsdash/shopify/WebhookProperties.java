package com.metricsdash.shopify;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What the webhook intake accepts and how long it keeps what it stored.
 *
 * @param maxBody the largest body read: anything larger is refused before it is read whole, so that an unsigned
 * sender cannot make the app buffer megabytes per request ahead of the signature check. Shopify's largest payloads,
 * orders of hundreds of lines, stay well below it; an operator with larger ones raises it
 * @param triggeredWithin how old a delivery's {@code X-Shopify-Triggered-At} may be: Shopify retries for 4 hours and
 * delivers at most about a day late, so an older one is a replay of a captured delivery, not Shopify
 * @param keepProcessed how long an applied delivery is kept, payload and all (for an operator's questions), before
 * its row is deleted; at least {@code triggeredWithin}, so that a repeat of its webhook id changes nothing: it is
 * recognised while the row is kept, and refused at intake as too old after that
 * @param keepParked how long a parked delivery's payload is kept for an operator to fix its cause and retry it; the
 * row stays, without payload, on the operator page
 * @param retentionInterval how often deliveries and payloads past their time are deleted and dropped
 * @param intakeConcurrency how many deliveries this instance holds to store at once (all of them go in one statement
 * on one connection, {@link InboxWriter}): more wait, at most {@code intakeWait}, and are then answered 503 with
 * {@code Retry-After} (Shopify retries them) instead of piling up threads and memory behind a database that cannot
 * keep up
 * @param intakeWait how long a delivery waits for its turn to be stored
 * @param workers how many threads of this instance apply stored deliveries at once, by default one per processor the
 * JVM has; different shops' deliveries are applied in parallel, one shop's never (on any instance). More threads than
 * processors made smaller batches, and so more statements an order, while the intake and the reads wanted the same
 * cores: with 100 stores selling at once on two cores, 4 workers applied 400 to 590 orders/s and 2 workers 570 to
 * 880 (the ingest benchmark)
 * @param batchSize how many deliveries a worker claims and applies in one transaction: the deliveries of one shop
 * in it are applied with one statement per kind of row, and each hour of sales they touch is recomputed once
 */
@ConfigurationProperties("metricsdash.webhooks")
@Validated
record WebhookProperties(@DefaultValue("2MB") @NotNull DataSize maxBody,
		@DefaultValue("2d") @NotNull Duration triggeredWithin, @DefaultValue("7d") @NotNull Duration keepProcessed,
		@DefaultValue("30d") @NotNull Duration keepParked, @DefaultValue("1h") @NotNull Duration retentionInterval,
		@DefaultValue("32") @Min(1) int intakeConcurrency, @DefaultValue("1s") @NotNull Duration intakeWait,
		@Min(1) @Max(64) Integer workers, @DefaultValue("250") @Min(1) @Max(5000) int batchSize) {

	WebhookProperties {
		if (workers == null) {
			workers = Math.min(64, Runtime.getRuntime().availableProcessors());
		}
		if (keepProcessed != null && triggeredWithin != null && keepProcessed.compareTo(triggeredWithin) < 0) {
			throw new IllegalArgumentException("metricsdash.webhooks.keep-processed (" + keepProcessed
					+ ") must be at least metricsdash.webhooks.triggered-within (" + triggeredWithin
					+ "): a repeat of a delivery deleted sooner would be applied again");
		}
		if (maxBody != null && (maxBody.toBytes() < 1 || maxBody.toBytes() >= Integer.MAX_VALUE)) {
			throw new IllegalArgumentException("metricsdash.webhooks.max-body must be between 1 byte and 2 GB");
		}
	}

}
