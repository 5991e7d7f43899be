package com.metricsdash.live;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.DefaultMessage;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.unit.DataSize;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class LiveChannelTests {

	private final StringRedisTemplate redis = mock();

	private final LiveSockets sockets = mock();

	private final ApplicationEventPublisher events = mock();

	private static final LiveProperties PROPERTIES = new LiveProperties(Duration.ofSeconds(5),
			DataSize.ofKilobytes(512), "metricsdash:live", 100, 6000, 32, 10000);

	private final LiveChannel channel = new LiveChannel(this.redis, new JsonMapper(), this.sockets, PROPERTIES,
			this.events);

	@Test
	void whenRedisIsDownFramesStillReachThisInstancesSockets() {
		given(this.redis.convertAndSend(anyString(), anyString()))
			.willThrow(new RedisConnectionFailureException("Unable to connect to Redis"));
		LiveFrame frame = new LiveFrame(UUID.randomUUID(), "<p id=\"x\" hx-swap-oob=\"true\">1</p>", null);

		this.channel.broadcast(frame);
		this.channel.broadcast(frame);

		verify(this.sockets, times(2)).deliver(frame);
	}

	@Test
	void whenRedisIsDownAChangeIsToldToThisInstanceOnlyForAStoreItHoldsSocketsOf() {
		given(this.redis.convertAndSend(anyString(), anyString()))
			.willThrow(new RedisConnectionFailureException("Unable to connect to Redis"));
		UUID watched = UUID.randomUUID();
		UUID unwatched = UUID.randomUUID();
		given(this.sockets.count(watched)).willReturn(2);

		this.channel.changedHere(watched);
		this.channel.changedHere(unwatched);
		this.channel.announceElsewhere(List.of(watched, unwatched));

		verify(this.events).publishEvent(new LiveChanged(watched));
		verify(this.events, never()).publishEvent(new LiveChanged(unwatched));
		verify(this.sockets, never()).deliver(any(LiveFrame.class));
	}

	@Test
	void theChangesOfSeveralStoresGoToOtherInstancesInOneMessageWhoseEchoThisOneIgnores() {
		UUID watched = UUID.randomUUID();
		UUID alsoWatched = UUID.randomUUID();
		UUID unwatched = UUID.randomUUID();
		given(this.sockets.count(watched)).willReturn(1);
		given(this.sockets.count(alsoWatched)).willReturn(3);
		ArgumentCaptor<String> sent = ArgumentCaptor.forClass(String.class);

		this.channel.announceElsewhere(List.of(watched, alsoWatched, unwatched));
		verify(this.redis).convertAndSend(eq("metricsdash:live"), sent.capture());
		this.channel.onMessage(message(sent.getValue()), null);
		verify(this.events, never()).publishEvent(any());

		LiveChannel other = new LiveChannel(this.redis, new JsonMapper(), mock(), PROPERTIES, mock());
		other.announceElsewhere(List.of(watched, alsoWatched, unwatched));
		verify(this.redis, times(2)).convertAndSend(eq("metricsdash:live"), sent.capture());
		this.channel.onMessage(message(sent.getValue()), null);
		verify(this.events).publishEvent(new LiveChanged(watched));
		verify(this.events).publishEvent(new LiveChanged(alsoWatched));
		verify(this.events, never()).publishEvent(new LiveChanged(unwatched));
	}

	@Test
	void aChangeAnnouncedAloneAsInstancesBeforeManyStoresAMessageDidIsHeard() {
		UUID store = UUID.randomUUID();
		given(this.sockets.count(store)).willReturn(1);

		this.channel.onMessage(message("{\"storeId\":\"" + store + "\",\"changed\":true,\"origin\":\""
				+ UUID.randomUUID() + "\"}"), null);

		verify(this.events).publishEvent(new LiveChanged(store));
	}

	private static DefaultMessage message(String body) {
		return new DefaultMessage("metricsdash:live".getBytes(StandardCharsets.UTF_8),
				body.getBytes(StandardCharsets.UTF_8));
	}

}
