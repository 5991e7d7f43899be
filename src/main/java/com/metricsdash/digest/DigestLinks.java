package com.metricsdash.digest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.metricsdash.shopify.ShopifyProperties;
import com.metricsdash.system.AppProperties;

import org.springframework.stereotype.Component;

/**
 * The links a mail carries, which work from any mail client without a session: each names what it is for and the
 * ids it acts on, expires, and is signed with HMAC-SHA256 under a key derived from the app's secret for this use
 * alone, so that a link for one purpose cannot be replayed for another, and a changed id or expiry is refused.
 * <p>
 * A token is {@code base64url(purpose|expiry|id…) "." base64url(mac)}: ids are UUIDs, so the separator never occurs
 * in them.
 */
@Component
class DigestLinks {

	private static final String ALGORITHM = "HmacSHA256";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SecretKeySpec key;

	private final AppProperties app;

	private final DigestProperties properties;

	DigestLinks(ShopifyProperties shopify, AppProperties app, DigestProperties properties) {
		this.key = new SecretKeySpec(mac(new SecretKeySpec(shopify.apiSecret().getBytes(StandardCharsets.UTF_8),
				ALGORITHM), "metricsdash/digest-links/v1"), ALGORITHM);
		this.app = app;
		this.properties = properties;
	}

	/** Opens an alert of the store (see {@code DigestLinksController#open}). */
	String open(UUID storeId, UUID alertId, Instant now) {
		return this.app.url("/digest/open?t=" + sign(Purpose.OPEN, now.plus(this.properties.linkValidity()), storeId, alertId));
	}

	String confirm(UUID recipientId, Instant now) {
		return this.app.url("/digest/confirm?t=" + sign(Purpose.CONFIRM, now.plus(this.properties.confirmValidity()), recipientId));
	}

	String unsubscribe(UUID recipientId, Instant now) {
		return this.app.url("/digest/unsubscribe?t="
				+ sign(Purpose.UNSUBSCRIBE, now.plus(this.properties.unsubscribeValidity()), recipientId));
	}

	/** The ids a token of this purpose carries, if its signature holds and it has not expired. */
	Verified verify(Purpose purpose, String token, Instant now) {
		int dot = (token != null) ? token.indexOf('.') : -1;
		if (dot < 0) {
			return Verified.INVALID;
		}
		byte[] payload;
		byte[] signature;
		try {
			payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
			signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
		}
		catch (IllegalArgumentException ex) {
			return Verified.INVALID;
		}
		if (!MessageDigest.isEqual(signature, mac(this.key, payload))) {
			return Verified.INVALID;
		}
		List<String> fields = Arrays.asList(new String(payload, StandardCharsets.UTF_8).split("\\|"));
		if (!fields.get(0).equals(purpose.name())) {
			return Verified.INVALID;
		}
		if (!now.isBefore(Instant.ofEpochSecond(Long.parseLong(fields.get(1))))) {
			return Verified.EXPIRED;
		}
		return new Verified(Outcome.VALID, fields.subList(2, fields.size()).stream().map(UUID::fromString).toList());
	}

	private String sign(Purpose purpose, Instant expires, UUID... ids) {
		StringBuilder payload = new StringBuilder(purpose.name()).append('|').append(expires.getEpochSecond());
		for (UUID id : ids) {
			payload.append('|').append(id);
		}
		byte[] bytes = payload.toString().getBytes(StandardCharsets.UTF_8);
		return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(this.key, bytes));
	}

	private static byte[] mac(SecretKeySpec key, String data) {
		return mac(key, data.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] mac(SecretKeySpec key, byte[] data) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	/** What a link is for; a token signed for one is refused for another. */
	enum Purpose {

		OPEN, CONFIRM, UNSUBSCRIBE

	}

	enum Outcome {

		VALID, INVALID, EXPIRED

	}

	/** A token's outcome and, when valid, the ids it carries in the order they were signed. */
	record Verified(Outcome outcome, List<UUID> ids) {

		static final Verified INVALID = new Verified(Outcome.INVALID, List.of());

		static final Verified EXPIRED = new Verified(Outcome.EXPIRED, List.of());

		boolean valid() {
			return this.outcome == Outcome.VALID;
		}

	}

}
