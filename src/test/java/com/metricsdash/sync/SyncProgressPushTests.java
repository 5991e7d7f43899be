package com.metricsdash.sync;

import java.time.Duration;
import java.util.UUID;

import com.metricsdash.live.LiveMessage;
import com.metricsdash.testing.IntegrationTest;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a push of the sync's progress carries, rendered as the push renders it: outside any web request, where the
 * card's template must not need one (a context-relative link once failed every push of a running sync there).
 */
@IntegrationTest
class SyncProgressPushTests {

	@Autowired
	SyncProgressPush push;

	@Test
	void aRunningSyncIsPushedAsACardThatFetchesItselfAndAsJson() {
		UUID storeId = UUID.randomUUID();
		LiveMessage message = this.push.message(new SyncProgress(storeId, "SYNCING", SyncPhase.ORDERS, 2, 2, false,
				40, 100L, Duration.ofSeconds(12), null));

		assertThat(message.html()).contains("id=\"sync-progress\"", "hx-swap-oob=\"true\"",
				"hx-get=\"/sync/progress\"", "hx-trigger=\"every 2s\"");
		assertThat(message.type()).isEqualTo("sync:progress");
		assertThat(message.data()).asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
			.containsEntry("storeId", storeId.toString())
			.containsEntry("syncStatus", "syncing")
			.containsEntry("phase", "orders")
			.containsEntry("done", 40L);
	}

	@Test
	void aFinishedSyncIsPushedAsACardThatStaysPut() {
		LiveMessage message = this.push.message(new SyncProgress(UUID.randomUUID(), "COMPLETE", null, 2, 2, false, 0,
				null, null, null));

		assertThat(message.html()).contains("Your data is in").doesNotContain("hx-get", "hx-trigger");
	}

}
