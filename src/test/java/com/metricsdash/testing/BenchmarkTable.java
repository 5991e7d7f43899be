package com.metricsdash.testing;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one table of a benchmark run ({@code ./mvnw -Pbenchmark test}): every benchmark adds its summary rows here, and
 * {@link BenchmarkTableListener} prints them once, when the run ends, under the date, the machine and its load. A row
 * whose figure misses its target says MISSED; that fails nothing, since on a shared machine speed measures the machine
 * as much as the app: only wrong results fail a benchmark.
 */
public final class BenchmarkTable {

	private static final List<Row> rows = new ArrayList<>();

	private static double loadAtStart = Double.NaN;

	private BenchmarkTable() {
	}

	/** Adds a row to the table printed at the end of the run. */
	public static synchronized void add(Row row) {
		rows.add(row);
	}

	static synchronized void started() {
		loadAtStart = loadAverage();
	}

	/** Prints the rows added since the run started, if any, and forgets them. */
	static synchronized void print(PrintStream out) {
		if (rows.isEmpty()) {
			return;
		}
		out.printf("%n## Benchmarks, %s%n%n", ZonedDateTime.now(ZoneOffset.UTC)
			.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)));
		out.printf("Machine: %s. Load average (1 min): %.1f when the run started, %.1f when it ended.%n%n", machine(),
				loadAtStart, loadAverage());
		out.println("| benchmark | figure | unit | reference | ratio | target | result |");
		out.println("|---|---|---|---|---|---|---|");
		for (Row row : rows) {
			out.printf("| %s | %s | %s | %s | %s | %s | %s |%n", row.benchmark(), row.figure(), row.unit(),
					row.reference(), row.ratio(), row.target(), row.result());
		}
		out.println();
		out.flush();
		rows.clear();
	}

	/** Cores, memory, operating system and Java, e.g. "2 cores, 23.5 GiB memory, Linux 6.1 (amd64), Java 17.0.15". */
	static String machine() {
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		String memory = (os instanceof com.sun.management.OperatingSystemMXBean hotspot)
				? String.format(Locale.ROOT, "%.1f GiB memory", hotspot.getTotalMemorySize() / (double) (1L << 30))
				: "memory unknown";
		return String.format(Locale.ROOT, "%d cores, %s, %s %s (%s), Java %s (%s)", os.getAvailableProcessors(),
				memory, os.getName(), os.getVersion(), os.getArch(), System.getProperty("java.version"),
				System.getProperty("java.vm.vendor"));
	}

	private static double loadAverage() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	/** A figure with its unit, and optionally the reference it is compared with and the target it must meet. */
	public record Row(String benchmark, String figure, String unit, String reference, String ratio, String target,
			String result) {

		/** A figure without reference or target. */
		public static Row of(String benchmark, String figure, String unit) {
			return new Row(benchmark, figure, unit, "", "", "", "");
		}

		/** A figure without reference or target, formatted with thousands separators and {@code decimals} places. */
		public static Row of(String benchmark, double figure, int decimals, String unit) {
			return of(benchmark, number(figure, decimals), unit);
		}

		/** This row compared with a reference measured in the same run: {@code ratio} is the figure over it. */
		public Row against(String reference, double ratio) {
			return new Row(this.benchmark, this.figure, this.unit, reference,
					String.format(Locale.ROOT, "%.2f", ratio), this.target, this.result);
		}

		/** This row with its target, met or MISSED. */
		public Row target(String target, boolean met) {
			return new Row(this.benchmark, this.figure, this.unit, this.reference, this.ratio, target,
					met ? "met" : "MISSED");
		}

		/** A number with thousands separators, as the table shows figures. */
		public static String number(double value, int decimals) {
			return String.format(Locale.ROOT, "%,." + decimals + "f", value);
		}

	}

}
