package com.metricsdash.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex digests of text, for what is known by its digest rather than kept as it is (tokens, scripts). */
public final class Digests {

	private Digests() {
	}

	/**
	 * The lower-case hex digest of the text's UTF-8 bytes.
	 * @param algorithm one every JVM has: {@code SHA-1} or {@code SHA-256}
	 */
	public static String hex(String algorithm, String text) {
		try {
			byte[] digest = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has " + algorithm, ex);
		}
	}

}
