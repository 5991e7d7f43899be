package com.metricsdash.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each test application a free port as its {@code server.port} before it starts, so that settings derived from
 * it (the app URL, the simulator's endpoint) name the port the server really listens on.
 */
class FreePort implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		try (ServerSocket socket = new ServerSocket(0)) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("freePort", Map.of("server.port", socket.getLocalPort())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
