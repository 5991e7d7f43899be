package com.metricsdash.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What PostgreSQL announces about changed rows ({@code LISTEN}/{@code NOTIFY}; the migrations' triggers say which
 * rows, on which channel), for what an instance keeps in memory and must drop once any instance, tool or script
 * changed the row behind it. A notification is sent when its transaction commits, so a row read after it arrived is
 * the changed one.
 * <p>
 * One thread listens on a connection of its own, apart from the pool. Whenever it is not listening (before it first
 * is, after its connection broke, while PostgreSQL cannot be reached) nothing is announced, so {@link #listening()}
 * is {@code false} and what is kept must not be trusted; on losing its connection, and again once it listens again,
 * it tells every listener that anything may have changed ({@code Optional.empty()}), since what changed meanwhile was
 * never announced.
 */
@Component
public class DatabaseChanges implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseChanges.class);

	/** How long a connection may stay silent before it is checked: a connection cut without a word stays quiet. */
	private static final Duration CHECKED_EVERY = Duration.ofSeconds(10);

	/** The listening connection's {@code application_name}. */
	static final String APPLICATION_NAME = "metricsdash-changes";

	private static final Duration RETRIED_AFTER = Duration.ofSeconds(2);

	private final JdbcConnectionDetails database;

	private final Map<String, List<Consumer<Optional<String>>>> listeners = new ConcurrentHashMap<>();

	private final AtMostEvery warnings = new AtMostEvery(Duration.ofMinutes(1));

	private volatile boolean listening;

	private volatile Thread thread;

	DatabaseChanges(JdbcConnectionDetails database) {
		this.database = database;
	}

	/**
	 * Calls {@code changed} with each notification's payload on {@code channel} (a name the migrations chose, never
	 * user input), and with {@code Optional.empty()} when anything may have changed. To be called before the
	 * application context starts; called on the listening thread, so it must be quick.
	 */
	public void listen(String channel, Consumer<Optional<String>> changed) {
		this.listeners.computeIfAbsent(channel, (unused) -> new CopyOnWriteArrayList<>()).add(changed);
	}

	/** Whether every change is being announced: only then may what was kept from the database be trusted. */
	public boolean listening() {
		return this.listening;
	}

	@Override
	public void start() {
		Thread listener = new Thread(this::listenWhileRunning, "database-changes");
		listener.setDaemon(true);
		this.thread = listener;
		listener.start();
	}

	@Override
	public void stop() {
		Thread listener = this.thread;
		this.thread = null;
		if (listener != null) {
			listener.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	private void listenWhileRunning() {
		while (this.thread == Thread.currentThread()) {
			try (Connection connection = DriverManager.getConnection(this.database.getJdbcUrl(), connectionProperties())) {
				listen(connection);
			}
			catch (SQLException ex) {
				if (this.warnings.due()) {
					logger.warn("Not listening to PostgreSQL's notifications, kept lookups are not used: {}",
							ex.getMessage());
				}
			}
			finally {
				if (this.listening) {
					this.listening = false;
					announceAnyChange();
				}
			}
			try {
				Thread.sleep(RETRIED_AFTER.toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** The pool's credentials, and a name that tells this connection apart in {@code pg_stat_activity}. */
	private Properties connectionProperties() {
		Properties properties = new Properties();
		properties.setProperty("user", this.database.getUsername());
		if (this.database.getPassword() != null) {
			properties.setProperty("password", this.database.getPassword());
		}
		properties.setProperty("ApplicationName", APPLICATION_NAME);
		return properties;
	}

	private void listen(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String channel : this.listeners.keySet()) {
				statement.execute("listen " + channel);
			}
		}
		this.listening = true;
		announceAnyChange();
		PGConnection notifications = connection.unwrap(PGConnection.class);
		while (this.thread == Thread.currentThread()) {
			PGNotification[] received = notifications.getNotifications((int) CHECKED_EVERY.toMillis());
			if (received == null || received.length == 0) {
				if (!connection.isValid((int) RETRIED_AFTER.toSeconds())) {
					throw new SQLException("The listening connection no longer answers");
				}
				continue;
			}
			for (PGNotification notification : received) {
				String payload = notification.getParameter();
				announce(notification.getName(), payload.isEmpty() ? Optional.empty() : Optional.of(payload));
			}
		}
	}

	private void announceAnyChange() {
		this.listeners.keySet().forEach((channel) -> announce(channel, Optional.empty()));
	}

	private void announce(String channel, Optional<String> payload) {
		for (Consumer<Optional<String>> listener : this.listeners.getOrDefault(channel, List.of())) {
			try {
				listener.accept(payload);
			}
			catch (RuntimeException ex) {
				logger.error("A listener of {} failed on {}", channel, payload, ex);
			}
		}
	}

}
