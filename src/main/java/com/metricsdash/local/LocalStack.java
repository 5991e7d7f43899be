package com.metricsdash.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The embedded PostgreSQL, Redis and SMTP servers. They start once per JVM, however many application contexts ask
 * for them (a test run shares one stack), and stop when the JVM exits.
 */
final class LocalStack {

	static final String HOST = "127.0.0.1";

	static final String DATABASE = "metricsdash";

	static final String USER = "postgres";

	private static final Logger logger = LoggerFactory.getLogger(LocalStack.class);

	private static LocalStack running;

	private final EmbeddedPostgres postgres;

	private final int redisPort;

	private final RedisServer redis;

	private final GreenMail mail;

	private LocalStack(LocalStackProperties properties) throws IOException {
		Path pgData = properties.dataDir().resolve("postgres").toAbsolutePath();
		Files.createDirectories(pgData);
		this.postgres = EmbeddedPostgres.builder()
			.setDataDirectory(pgData)
			.setCleanDataDirectory(!properties.keepData())
			.setRegisterShutdownHook(false)
			.start();
		createDatabase();
		this.redisPort = freePort();
		this.redis = RedisServer.newRedisServer()
			.bind(HOST)
			.port(this.redisPort)
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		this.redis.start();
		this.mail = new GreenMail(new ServerSetup(freePort(), HOST, ServerSetup.PROTOCOL_SMTP));
		this.mail.start();
		logger.info("Local stack up: PostgreSQL on port {} (data in {}), Redis on port {}, SMTP on port {}",
				this.postgres.getPort(), pgData, this.redisPort, this.mail.getSmtp().getPort());
	}

	static synchronized LocalStack start(LocalStackProperties properties) {
		if (running == null) {
			try {
				running = new LocalStack(properties);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the local stack", ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "local-stack-shutdown"));
		}
		return running;
	}

	String jdbcUrl() {
		return this.postgres.getJdbcUrl(USER, DATABASE);
	}

	int redisPort() {
		return this.redisPort;
	}

	int smtpPort() {
		return this.mail.getSmtp().getPort();
	}

	GreenMail mail() {
		return this.mail;
	}

	private void createDatabase() throws IOException {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			boolean exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")
				.next();
			if (!exists) {
				statement.execute("create database " + DATABASE);
			}
		}
		catch (SQLException ex) {
			throw new IOException("Could not create the " + DATABASE + " database", ex);
		}
	}

	private void stop() {
		this.mail.stop();
		try {
			this.redis.stop();
			this.postgres.close();
		}
		catch (IOException ex) {
			logger.warn("Local stack did not stop cleanly", ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
	}

}
