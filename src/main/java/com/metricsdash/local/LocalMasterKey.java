package com.metricsdash.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In the {@code local} profile, when no {@code METRICSDASH_MASTER_KEY} is set, creates a random master key once and
 * keeps it beside the local data, so encrypted tokens stay readable across restarts.
 */
class LocalMasterKey implements EnvironmentPostProcessor {

	static final String PROPERTY = "metricsdash.master-key";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.matchesProfiles("local") || !environment.getProperty(PROPERTY, "").isBlank()) {
			return;
		}
		Path file = Path.of(environment.getProperty("metricsdash.local.data-dir", ".data")).resolve("master.key");
		environment.getPropertySources().addFirst(new MapPropertySource("localMasterKey", Map.of(PROPERTY, readOrCreate(file))));
	}

	private static String readOrCreate(Path file) {
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.US_ASCII).strip();
			}
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			String encoded = Base64.getEncoder().encodeToString(key);
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(file, encoded, StandardCharsets.US_ASCII);
			return encoded;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not keep the local master key in " + file, ex);
		}
	}

}
