package com.metricsdash.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;

/** Text files shipped with the app (GraphQL documents, Redis scripts), read once, when they are first needed. */
public final class ClassPathText {

	private ClassPathText() {
	}

	/**
	 * The UTF-8 text of the resource at {@code path}, read with the app's own class loader: not the thread's, which may
	 * be a web application's that has stopped since.
	 */
	public static String read(String path) {
		try {
			return new ClassPathResource(path, ClassPathText.class.getClassLoader())
				.getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The app ships no " + path, ex);
		}
	}

}
