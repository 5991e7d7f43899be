package com.metricsdash.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications reach their listener; a lost connection says that anything may have changed, and is listened on again.
 */
@IntegrationTest
class DatabaseChangesTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	JdbcConnectionDetails database;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aNotificationReachesItsListenerAndALostConnectionIsReportedAndListenedOnAgain() {
		DatabaseChanges changes = new DatabaseChanges(this.database);
		List<Optional<String>> heard = new CopyOnWriteArrayList<>();
		changes.listen("changes_test", heard::add);
		changes.start();
		try {
			await().atMost(WAIT).until(changes::listening);
			await().atMost(WAIT).until(() -> heard.contains(Optional.empty()));
			heard.clear();

			notify("changes_test", "a");
			notify("another_channel", "b");
			await().atMost(WAIT).until(() -> heard.contains(Optional.of("a")));
			assertThat(heard).containsExactly(Optional.of("a"));

			heard.clear();
			this.jdbc.sql("select pg_terminate_backend(pid) from pg_stat_activity where application_name = :name")
				.param("name", DatabaseChanges.APPLICATION_NAME)
				.query()
				.listOfRows();
			await().atMost(WAIT).until(() -> heard.contains(Optional.empty()));
			await().atMost(WAIT).until(changes::listening);
			notify("changes_test", "c");
			await().atMost(WAIT).until(() -> heard.contains(Optional.of("c")));
		}
		finally {
			changes.stop();
		}
	}

	@Test
	void withoutTheDatabaseNothingIsListenedTo() throws Exception {
		String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/metricsdash?connectTimeout=1";
		DatabaseChanges changes = new DatabaseChanges(new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return "nobody";
			}

			@Override
			public String getPassword() {
				return null;
			}

			@Override
			public String getJdbcUrl() {
				return url;
			}

		});
		List<Optional<String>> heard = new CopyOnWriteArrayList<>();
		changes.listen("changes_test", heard::add);
		changes.start();
		try {
			Thread.sleep(1_500);
			assertThat(changes.listening()).isFalse();
			assertThat(heard).isEmpty();
		}
		finally {
			changes.stop();
		}
	}

	private void notify(String channel, String payload) {
		this.jdbc.sql("select pg_notify(:channel, :payload)")
			.param("channel", channel)
			.param("payload", payload)
			.query()
			.listOfRows();
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
