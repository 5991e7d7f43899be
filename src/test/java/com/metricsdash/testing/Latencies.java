package com.metricsdash.testing;

import java.util.Arrays;

/**
 * Latencies in milliseconds (nearest rank), the requests that failed, and how far the sender fell behind its schedule.
 */
public record Latencies(int samples, int errors, double p50, double p95, double p99, double max,
		double senderLagMillis) {

	public static Latencies of(long[] nanos, int errors, long senderLagNanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return new Latencies(sorted.length, errors, rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99),
				rank(sorted, 1.0), senderLagNanos / 1e6);
	}

	/** P50 / P95 / P99, as the benchmark table shows them. */
	public String percentiles() {
		return String.format(java.util.Locale.ROOT, "%.1f / %.1f / %.1f", this.p50, this.p95, this.p99);
	}

	private static double rank(long[] sorted, double percentile) {
		return (sorted.length == 0) ? Double.NaN
				: sorted[Math.max(0, (int) Math.ceil(percentile * sorted.length) - 1)] / 1e6;
	}

}
