package com.metricsdash.live;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A change is announced off the thread that made it: while Redis does not answer (asleep in {@code DEBUG SLEEP}, as
 * a Redis that stalls), a webhook worker announcing its stores' changes goes on at once instead of waiting for the
 * command timeout, and the changes announced meanwhile reach the channel when Redis answers again, in one message
 * however many stores changed (or two, when the first left before the others came), each store named once however
 * often it changed.
 */
@IntegrationTest
class LiveAnnounceTests {

	private static final Duration ASLEEP = Duration.ofMillis(1500);

	@Autowired
	LivePush push;

	@Autowired
	LettuceConnectionFactory redis;

	@Autowired
	RedisMessageListenerContainer subscription;

	@Autowired
	LiveProperties properties;

	@Test
	void aChangeIsAnnouncedWithoutWaitingForRedisAndReachesTheChannelWhenItAnswers() throws Exception {
		UUID store = UUID.randomUUID();
		UUID probe = UUID.randomUUID();
		List<UUID> others = IntStream.range(0, 50).mapToObj((i) -> UUID.randomUUID()).toList();
		List<String> heard = new CopyOnWriteArrayList<>();
		MessageListener listener = (message, pattern) -> heard.add(new String(message.getBody(), StandardCharsets.UTF_8));
		this.subscription.addMessageListener(listener, new ChannelTopic(this.properties.channel()));
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				this.push.announce(probe);
				return heard.stream().anyMatch((frame) -> frame.contains(probe.toString()));
			});
			try (Socket client = new Socket(this.redis.getHostName(), this.redis.getPort())) {
				OutputStream out = client.getOutputStream();
				out.write(command("DEBUG", "SLEEP", Double.toString(ASLEEP.toMillis() / 1000.0)));
				out.flush();
				Thread.sleep(100);

				long started = System.nanoTime();
				for (int i = 0; i < 10; i++) {
					this.push.announce(store);
				}
				others.forEach(this.push::announce);
				Duration announcing = Duration.ofNanos(System.nanoTime() - started);

				assertThat(announcing).as("60 announcements while Redis is asleep").isLessThan(Duration.ofMillis(300));
				assertThat(client.getInputStream().read()).as("Redis's answer to DEBUG SLEEP").isEqualTo('+');
				await().atMost(Duration.ofSeconds(10))
					.until(() -> Stream.concat(Stream.of(store), others.stream()).allMatch((id) -> frames(heard, id) > 0));
			}
			Thread.sleep(500);
			// the first message may have left before the others were announced, and then waited for Redis's answer
			assertThat(frames(heard, store)).as("messages announcing the store's change").isBetween(1L, 2L);
			assertThat(heard.stream().filter((frame) -> others.stream().anyMatch((id) -> frame.contains(id.toString()))))
				.as("messages announcing the 50 other stores' changes")
				.hasSizeBetween(1, 2)
				.allMatch((frame) -> StringUtils.countOccurrencesOf(frame, store.toString()) <= 1);
		}
		finally {
			this.subscription.removeMessageListener(listener);
		}
	}

	private static long frames(List<String> heard, UUID store) {
		return heard.stream().filter((frame) -> frame.contains(store.toString())).count();
	}

	private static byte[] command(String... words) {
		StringBuilder resp = new StringBuilder("*").append(words.length).append("\r\n");
		for (String word : words) {
			resp.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
		}
		return resp.toString().getBytes(StandardCharsets.US_ASCII);
	}

}
