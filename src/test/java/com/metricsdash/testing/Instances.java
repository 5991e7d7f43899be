package com.metricsdash.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import com.metricsdash.MetricsDashApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Instances of the app started in this JVM, each on a port of its own and all on one {@link OwnStack}, as several
 * instances behind a load balancer share one PostgreSQL and one Redis.
 */
public final class Instances {

	private Instances() {
	}

	/** Starts an instance (profiles {@code local} and {@code test}) on the port, on the stack's PostgreSQL and Redis. */
	public static ConfigurableApplicationContext start(OwnStack stack, int port, String... arguments) {
		String[] all = new String[arguments.length + 1];
		all[0] = "--server.port=" + port;
		System.arraycopy(arguments, 0, all, 1, arguments.length);
		return new SpringApplicationBuilder(MetricsDashApplication.class).profiles("local", "test")
			.initializers(stack.initializer())
			.run(all);
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Sleeps, as a steady sender between sales does; an interruption ends the test. */
	public static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
