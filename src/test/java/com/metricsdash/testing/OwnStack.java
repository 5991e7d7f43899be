package com.metricsdash.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * An embedded PostgreSQL and Redis of one test context's own, for tests that stop and start them as an outage would:
 * the stack every other test shares must never go down under them. {@link Configuration} plugs it into a context in
 * place of the shared one, and it stops, its data deleted, when that context closes. Both keep their port and their
 * data across a restart, as real servers with persistent storage do. A test that runs several instances on one stack
 * starts it itself ({@link #start()}) and plugs it into each ({@link #initializer()}), or hands its addresses to an
 * app in another process ({@link #jdbcUrl()}, {@link #redisPort()}).
 */
public final class OwnStack implements AutoCloseable {

	private static final String HOST = "127.0.0.1";

	private final Path dataDir;

	private final int postgresPort;

	private final RedisServer redis;

	private EmbeddedPostgres postgres;

	private OwnStack() throws IOException {
		Files.createDirectories(Path.of("target"));
		this.dataDir = Files.createTempDirectory(Path.of("target"), "own-stack-").toAbsolutePath();
		this.postgresPort = freePort();
		startPostgres();
		Path redisDir = Files.createDirectories(this.dataDir.resolve("redis"));
		this.redis = RedisServer.newRedisServer()
			.bind(HOST)
			.port(freePort())
			.setting("dir " + redisDir)
			.setting("save \"\"")
			.setting("appendonly yes")
			.onShutdownForceStop(true)
			.build();
		this.redis.start();
	}

	/** A stack of the caller's own, which it closes. */
	public static OwnStack start() throws IOException {
		return new OwnStack();
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.postgresPort + "/postgres";
	}

	public int redisPort() {
		return this.redis.ports().get(0);
	}

	/** Plugs this stack into a context built by hand, in place of the shared one, as {@link Configuration} does. */
	public ApplicationContextInitializer<ConfigurableApplicationContext> initializer() {
		return (context) -> {
			GenericApplicationContext beans = (GenericApplicationContext) context;
			beans.registerBean("ownPostgres", JdbcConnectionDetails.class, () -> postgres(this),
					(definition) -> definition.setPrimary(true));
			beans.registerBean("ownRedis", DataRedisConnectionDetails.class, () -> redis(this),
					(definition) -> definition.setPrimary(true));
		};
	}

	public void startPostgres() throws IOException {
		this.postgres = EmbeddedPostgres.builder()
			.setDataDirectory(this.dataDir.resolve("postgres"))
			.setCleanDataDirectory(false)
			.setPort(this.postgresPort)
			.start();
	}

	public void stopPostgres() throws IOException {
		this.postgres.close();
	}

	public void startRedis() throws IOException {
		this.redis.start();
	}

	public void stopRedis() throws IOException {
		this.redis.stop();
	}

	@Override
	public void close() throws IOException {
		try {
			this.redis.stop();
			this.postgres.close();
		}
		finally {
			FileSystemUtils.deleteRecursively(this.dataDir);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
	}

	private static JdbcConnectionDetails postgres(OwnStack stack) {
		String url = stack.jdbcUrl();
		return new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return "postgres";
			}

			@Override
			public String getPassword() {
				return "";
			}

			@Override
			public String getJdbcUrl() {
				return url;
			}

		};
	}

	private static DataRedisConnectionDetails redis(OwnStack stack) {
		int port = stack.redisPort();
		return new DataRedisConnectionDetails() {

			@Override
			public Standalone getStandalone() {
				return Standalone.of(HOST, port);
			}

		};
	}

	/** The context's PostgreSQL and Redis are this stack's, preferred over the shared stack's. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		OwnStack ownStack() {
			try {
				return new OwnStack();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the test's own PostgreSQL and Redis", ex);
			}
		}

		@Bean
		@Primary
		JdbcConnectionDetails ownPostgres(OwnStack stack) {
			return postgres(stack);
		}

		@Bean
		@Primary
		DataRedisConnectionDetails ownRedis(OwnStack stack) {
			return redis(stack);
		}

	}

}
