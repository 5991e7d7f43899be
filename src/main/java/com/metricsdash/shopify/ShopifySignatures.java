package com.metricsdash.shopify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.web.util.UriUtils;

/**
 * Shopify's two HMAC signatures, as SHOPIFY.md specifies them: the query signature on OAuth callbacks and admin
 * redirects (hex), and the webhook signature over the raw body (base64). Comparisons are constant-time.
 */
public final class ShopifySignatures {

	private ShopifySignatures() {
	}

	/**
	 * The message a query signature covers: every parameter except {@code hmac} and {@code signature}, sorted by key,
	 * {@code k=v} joined with {@code &}, percent-encoded with spaces as {@code %20}.
	 */
	public static String queryMessage(Map<String, String> parameters) {
		return new TreeMap<>(parameters).entrySet()
			.stream()
			.filter((entry) -> !"hmac".equals(entry.getKey()) && !"signature".equals(entry.getKey()))
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
	}

	/** The lowercase hex query signature of the parameters. */
	public static String signQuery(String secret, Map<String, String> parameters) {
		return HexFormat.of().formatHex(hmac(secret, queryMessage(parameters).getBytes(StandardCharsets.UTF_8)));
	}

	/** Whether the parameters carry a valid {@code hmac} (freshness is the caller's check). */
	public static boolean verifyQuery(String secret, Map<String, String> parameters) {
		String given = parameters.get("hmac");
		return given != null && constantTimeEquals(signQuery(secret, parameters), given.toLowerCase(Locale.ROOT));
	}

	/** The base64 webhook signature of the raw body bytes. */
	public static String signWebhook(String secret, byte[] body) {
		return Base64.getEncoder().encodeToString(hmac(secret, body));
	}

	/** Whether {@code X-Shopify-Hmac-Sha256} matches the raw body. */
	public static boolean verifyWebhook(String secret, byte[] body, String header) {
		return header != null && constantTimeEquals(signWebhook(secret, body), header.strip());
	}

	private static boolean constantTimeEquals(String expected, String given) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				given.getBytes(StandardCharsets.UTF_8));
	}

	private static String encode(String text) {
		return UriUtils.encode(text, StandardCharsets.UTF_8);
	}

	/**
	 * A MAC keyed with the last secret used, never used itself: each signature uses a clone of it. Looking a MAC up
	 * and keying it had cost more than computing it, on every webhook delivery.
	 */
	private static volatile KeyedMac keyed;

	private static byte[] hmac(String secret, byte[] message) {
		KeyedMac current = keyed;
		if (current == null || !current.secret().equals(secret)) {
			current = new KeyedMac(secret, keyedMac(secret));
			keyed = current;
		}
		try {
			return ((Mac) current.mac().clone()).doFinal(message);
		}
		catch (CloneNotSupportedException ex) {
			return keyedMac(secret).doFinal(message);
		}
	}

	private static Mac keyedMac(String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac;
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is unavailable", ex);
		}
	}

	private record KeyedMac(String secret, Mac mac) {
	}

}
