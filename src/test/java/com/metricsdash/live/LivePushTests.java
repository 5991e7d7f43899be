package com.metricsdash.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * A change is told to this instance's pages on the thread that made it, while the announcement to the other
 * instances waits for Redis: the changes made meanwhile follow in one announcement, each store once. A change whose
 * push fails here is still announced, and its caller, whose change is committed, goes on.
 */
class LivePushTests {

	private final LiveChannel channel = mock();

	private final LivePush push = new LivePush(this.channel, mock(), new JsonMapper());

	@AfterEach
	void stop() {
		this.push.destroy();
	}

	@Test
	void thisInstanceIsToldAtOnceWhileTheOthersHearOfEveryStoreChangedMeanwhileInOneAnnouncement() throws Exception {
		CountDownLatch redisAnswers = new CountDownLatch(1);
		CountDownLatch firstSent = new CountDownLatch(1);
		List<List<UUID>> announced = new ArrayList<>();
		willAnswer((invocation) -> {
			synchronized (announced) {
				announced.add(List.copyOf(invocation.<Collection<UUID>>getArgument(0)));
			}
			firstSent.countDown();
			redisAnswers.await(10, TimeUnit.SECONDS);
			return null;
		}).given(this.channel).announceElsewhere(any());
		UUID first = UUID.randomUUID();
		List<UUID> meanwhile = IntStream.range(0, 20).mapToObj((i) -> UUID.randomUUID()).toList();

		this.push.announce(first);
		assertThat(firstSent.await(10, TimeUnit.SECONDS)).as("the first announcement on its way").isTrue();
		for (int i = 0; i < 3; i++) {
			meanwhile.forEach(this.push::announce);
		}
		// while the announcer still waits for Redis
		verify(this.channel).changedHere(first);
		meanwhile.forEach((store) -> verify(this.channel, times(3)).changedHere(store));
		redisAnswers.countDown();

		await().atMost(10, TimeUnit.SECONDS).until(() -> {
			synchronized (announced) {
				return announced.size() == 2;
			}
		});
		Thread.sleep(200);
		synchronized (announced) {
			assertThat(announced).as("announcements to the other instances").hasSize(2);
			assertThat(announced.get(0)).containsExactly(first);
			assertThat(announced.get(1)).containsExactlyInAnyOrderElementsOf(meanwhile);
		}
	}

	@Test
	void aChangeWhosePushCannotBeToldHereIsStillAnnouncedAndTheCallerGoesOn() {
		UUID store = UUID.randomUUID();
		willThrow(new IllegalStateException("the push's threads have stopped")).given(this.channel).changedHere(store);

		this.push.announce(store);

		verify(this.channel, timeout(10_000)).announceElsewhere(List.of(store));
	}

}
