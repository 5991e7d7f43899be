package com.metricsdash.dashboard;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refresh of open dashboards is spread over its 30 s cycle: every store is refreshed exactly once in any 30
 * consecutive seconds, and the stores are spread over those seconds rather than bunched into one.
 */
class DashboardRefreshTests {

	private static final List<UUID> STORES = Stream.generate(UUID::randomUUID).limit(3_000).toList();

	@Test
	void everyStoreIsRefreshedOnceInAnyThirtyConsecutiveSeconds() {
		long start = 1_764_000_017L;
		for (UUID store : STORES) {
			long refreshes = LongStream.range(start, start + DashboardPush.REFRESH_SECONDS)
				.filter((second) -> DashboardPush.refreshesAt(store, second))
				.count();
			assertThat(refreshes).as("refreshes of %s", store).isOne();
		}
	}

	@Test
	void theStoresAreSpreadOverTheCycle() {
		List<Long> perSecond = IntStream.range(0, DashboardPush.REFRESH_SECONDS)
			.mapToObj((second) -> STORES.stream().filter((store) -> DashboardPush.refreshesAt(store, second)).count())
			.toList();
		long even = STORES.size() / DashboardPush.REFRESH_SECONDS;
		// 100 a second on average; a binomial spread stays well within half of that either way
		assertThat(perSecond).allSatisfy((count) -> assertThat(count).isBetween(even / 2, even * 3 / 2));
	}

}
