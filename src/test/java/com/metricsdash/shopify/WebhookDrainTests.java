package com.metricsdash.shopify;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A drain looks for the shops with deliveries due once every {@link WebhookWorker#LOOK_AGAIN} at most while its
 * batches find something to take, and gives each shop it found due its turn before any gets a second one.
 */
class WebhookDrainTests {

	private static final long LOOK_AGAIN = WebhookWorker.LOOK_AGAIN.toNanos();

	@Test
	void looksFirstThenAgainOnlyOnceItsLookIsOld() {
		WebhookWorker.Drain drain = new WebhookWorker.Drain();
		assertThat(drain.mustLook(0)).isTrue();

		drain.looked(List.of("a", "b"), 1_000);

		assertThat(drain.mustLook(1_000 + LOOK_AGAIN)).isFalse();
		assertThat(drain.mustLook(1_001 + LOOK_AGAIN)).isTrue();
	}

	@Test
	void looksAgainWhenNoShopIsLeftOrItsLookIsForgotten() {
		WebhookWorker.Drain drain = new WebhookWorker.Drain();
		drain.looked(List.of(), 0);
		assertThat(drain.mustLook(1)).as("nothing was due").isTrue();

		drain.looked(List.of("a"), 0);
		drain.taken(List.of("a"), List.of());
		drain.committed();
		assertThat(drain.mustLook(1)).as("the one shop had nothing left").isTrue();

		drain.looked(List.of("a"), 0);
		drain.forget();
		assertThat(drain.mustLook(1)).isTrue();
	}

	@Test
	void theShopsOfABatchGoLastAndThoseWithNothingLeftLeave() {
		WebhookWorker.Drain drain = new WebhookWorker.Drain();
		drain.looked(List.of("a", "b", "c", "d", "e"), 0);

		drain.taken(List.of("a", "b", "c"), List.of(pending("c"), pending("a"), pending("a")));
		assertThat(drain.due()).as("not before the batch commits").containsExactly("a", "b", "c", "d", "e");
		drain.committed();

		assertThat(drain.due()).containsExactly("d", "e", "a", "c");
		assertThat(drain.mustLook(1)).isFalse();
	}

	@Test
	void aShopHeldByAnotherWorkerKeepsItsPlace() {
		WebhookWorker.Drain drain = new WebhookWorker.Drain();
		drain.looked(List.of("held", "b", "c"), 0);

		// the batch locked b and c: "held" was another worker's
		drain.taken(List.of("b", "c"), List.of(pending("b"), pending("c")));
		drain.committed();

		assertThat(drain.due()).containsExactly("held", "b", "c");
	}

	@Test
	void waitsForMoreOnlyAfterABatchThatTookSomeButLessThanAQuarter() {
		WebhookWorker.Drain drain = new WebhookWorker.Drain();
		drain.looked(List.of("a"), 0);
		assertThat(drain.gathers(8)).as("before any batch").isFalse();

		drain.taken(List.of("a"), List.of(pending("a")));
		drain.committed();
		assertThat(drain.gathers(8)).as("one of eight").isTrue();

		drain.taken(List.of("a"), List.of(pending("a"), pending("a")));
		drain.committed();
		assertThat(drain.gathers(8)).as("a quarter: a flood or a backlog, taken without a pause").isFalse();

		drain.taken(List.of("a"), List.of(pending("a")));
		drain.forget();
		assertThat(drain.gathers(8)).as("the shops found due were drained by others: look again at once").isFalse();
	}

	private static WebhookInbox.Pending pending(String shop) {
		return new WebhookInbox.Pending(1, "webhook", "orders/create", shop, null, "{}", 0);
	}

}
