package com.metricsdash.system;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CoalescerTests {

	static final Duration WINDOW = Duration.ofMillis(250);

	record Run(UUID storeId, long at) {
	}

	final List<Run> runs = new CopyOnWriteArrayList<>();

	@Test
	void tenChangesInQuickSuccessionMakeTheFirstPushAtOnceAndOneTrailingPush() throws Exception {
		UUID store = UUID.randomUUID();
		long start = System.nanoTime();
		try (Coalescer coalescer = new Coalescer("test", WINDOW, 2, this::record)) {
			for (int i = 0; i < 10; i++) {
				coalescer.changed(store);
				Thread.sleep(5);
			}
			await().atMost(Duration.ofSeconds(2)).until(() -> this.runs.size() == 2);
			Thread.sleep(400);
		}

		assertThat(this.runs).hasSize(2);
		assertThat(millis(start, this.runs.get(0))).as("the first change goes out at once").isLessThan(100);
		// Each run is timed inside the action, a few microseconds after the coalescer stamped its start, and the first
		// run's path is the colder one: a millisecond covers that, far below the window it checks.
		assertThat(this.runs.get(1).at() - this.runs.get(0).at()).as("the trailing push waits for the window")
			.isGreaterThanOrEqualTo(WINDOW.minusMillis(1).toNanos());
	}

	@Test
	void storesAreCoalescedApartAndAQuietStorePushesAtOnceAgain() throws Exception {
		UUID one = UUID.randomUUID();
		UUID two = UUID.randomUUID();
		try (Coalescer coalescer = new Coalescer("test", WINDOW, 2, this::record)) {
			coalescer.changed(one);
			coalescer.changed(two);
			await().atMost(Duration.ofSeconds(1)).until(() -> this.runs.size() == 2);
			Thread.sleep(WINDOW.toMillis() + 50);
			long later = System.nanoTime();
			coalescer.changed(one);
			await().atMost(Duration.ofSeconds(1)).until(() -> this.runs.size() == 3);

			assertThat(this.runs).extracting(Run::storeId).containsExactlyInAnyOrder(one, two, one);
			assertThat(millis(later, this.runs.get(2))).isLessThan(100);
		}
	}

	@Test
	void aChangeDuringAStoresSlowRunWaitsForItToEndRatherThanRunBesideIt() throws Exception {
		UUID store = UUID.randomUUID();
		List<long[]> spans = new CopyOnWriteArrayList<>();
		Duration window = Duration.ofMillis(20);
		try (Coalescer coalescer = new Coalescer("test", window, 2, (storeId) -> {
			long started = System.nanoTime();
			sleep(150);
			spans.add(new long[] { started, System.nanoTime() });
		})) {
			coalescer.changed(store);
			Thread.sleep(60);
			coalescer.changed(store);
			coalescer.changed(store);
			await().atMost(Duration.ofSeconds(2)).until(() -> spans.size() == 2);
			Thread.sleep(300);
		}

		assertThat(spans).as("the changes during the first run make one run after it").hasSize(2);
		assertThat(spans.get(1)[0]).as("the second run starts after the first ended").isGreaterThanOrEqualTo(spans.get(0)[1]);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void record(UUID storeId) {
		this.runs.add(new Run(storeId, System.nanoTime()));
	}

	private static long millis(long from, Run run) {
		return Duration.ofNanos(run.at() - from).toMillis();
	}

}
