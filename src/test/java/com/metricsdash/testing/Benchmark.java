package com.metricsdash.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A benchmark: tagged {@code benchmark}, so that it runs only with {@code ./mvnw -Pbenchmark test}, against the whole
 * application ({@link IntegrationTest}) with the {@link LoopbackEcho} reference, the app's own time per API request
 * ({@link ServerTimes}) and room for 10,000 open sockets.
 * Every benchmark carries the same setup, so that they share one application: a second one left running from an
 * earlier benchmark would take a share of the webhook deliveries and the scheduled work of the next.
 * <p>
 * Tomcat accepts at most 8,192 connections by default and leaves the next ones waiting in the accept queue; the
 * dashboard benchmark holds 10,000 sockets and still sends webhooks and reads, so it is given 12,000, and room for
 * 11,000 sockets (6,000 by default, {@code metricsdash.live.sockets-per-instance}). Its client ends
 * live in a process of their own ({@code SocketFleet}): 10,000 sockets at both ends would pass the 20,000 file
 * descriptors a process may have here.
 * <p>
 * Reconciliation is left off the scheduler. Its first pass starts 15 minutes after the application, in whichever
 * step of whichever benchmark runs then (twice the dashboard's capacity step at 400 reads/s, which it took from
 * about 5 ms to 21 and 28 ms at P95), and over the benchmarks' stores, whose tokens are made up, it measures nothing
 * but refreshes Shopify refuses (300 of them in 20 s in those two runs).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("benchmark")
@IntegrationTest
@Import({ LoopbackEcho.class, ServerTimes.class })
@TestPropertySource(
		properties = { "server.tomcat.max-connections=12000", "metricsdash.live.sockets-per-instance=11000",
				"metricsdash.reconciliation.interval=24h" })
public @interface Benchmark {

}
