package com.metricsdash.digest;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How digests go out.
 *
 * @param from the sender address of every digest and confirmation
 * @param interval how often the send pass looks for due digests and retries
 * @param catchUp how late a period's digest may still go out, e.g. after the app was down over its hour; older
 * periods are skipped rather than mailed long after the fact
 * @param retryDelays the waits before each retry of a failed send; once they are used up the send counts as failed
 * @param claimLease how long a claimed send is left to the instance that claimed it before another may take it over
 * (that instance died mid-send)
 * @param linkValidity how long a mail's links to alerts work
 * @param confirmValidity how long a confirmation link works
 * @param unsubscribeValidity how long an unsubscribe link works: long, since an old mail must still let its reader out
 */
@ConfigurationProperties("metricsdash.digest")
@Validated
record DigestProperties(@DefaultValue("MetricsDash <digest@metricsdash.app>") @NotBlank String from,
		@DefaultValue("1m") Duration interval, @DefaultValue("6h") Duration catchUp,
		@DefaultValue({ "1m", "5m", "30m", "2h" }) @NotEmpty List<Duration> retryDelays,
		@DefaultValue("10m") Duration claimLease, @DefaultValue("30d") Duration linkValidity,
		@DefaultValue("7d") Duration confirmValidity, @DefaultValue("730d") Duration unsubscribeValidity) {
}
