package com.metricsdash.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * API tokens the app issues to a store's owner (CONTRACT.md, option b) for {@code /api/**} and the live socket, each
 * speaking for that one store. A token is 32 random bytes, shown once when it is made; only its SHA-256 is stored,
 * which is safe for a secret of that entropy (no salt or slow hash needed: nothing can be guessed), so a copy of the
 * database opens nothing. The {@value #PREFIX} prefix tells it apart from a Shopify session token (a JWT) at a glance,
 * for people and for the code that picks how to verify a bearer.
 */
@Service
public class ApiTokens {

	static final String PREFIX = "mdk_";

	private final SecureRandom random = new SecureRandom();

	private final ApiTokenRepository repository;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	ApiTokens(ApiTokenRepository repository, Clock clock, ApplicationEventPublisher events) {
		this.repository = repository;
		this.clock = clock;
		this.events = events;
	}

	/** Whether the bearer is shaped like a token of this app rather than a Shopify session token. */
	public static boolean isApiToken(String bearer) {
		return bearer != null && bearer.startsWith(PREFIX);
	}

	/**
	 * The store the token speaks for and when it expires; empty when it is unknown, revoked or expired. A use is
	 * recorded for the settings page.
	 */
	public Optional<Grant> verify(String token) {
		if (!isApiToken(token)) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		return this.repository.find(hash(token)).filter((stored) -> stored.expiresAt().isAfter(now)).map((stored) -> {
			this.repository.used(stored.id());
			return new Grant(stored.id(), stored.storeId(), stored.expiresAt());
		});
	}

	/** Makes a token for the store; the answer is the only place its value ever appears. */
	Issued issue(UUID storeId, String name, Duration lifetime) {
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		return new Issued(this.repository.insert(storeId, name, hash(token), this.clock.instant().plus(lifetime)), token);
	}

	List<ApiToken> of(UUID storeId) {
		return this.repository.of(storeId);
	}

	/** Revokes one of the store's tokens and announces it ({@link ApiTokenRevoked}); false when it has no such token. */
	boolean revoke(UUID storeId, UUID tokenId) {
		boolean revoked = this.repository.delete(storeId, tokenId);
		if (revoked) {
			this.events.publishEvent(new ApiTokenRevoked(storeId, tokenId));
		}
		return revoked;
	}

	/** Revokes every token of the store: it removed the app, and a later install must not revive them. */
	public void revokeAll(UUID storeId) {
		this.repository.deleteAll(storeId);
	}

	private static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	/** What a valid API token ({@code tokenId}) grants: its store, until {@code expiresAt}. */
	public record Grant(UUID tokenId, UUID storeId, Instant expiresAt) {
	}

	/** A token just made: its listing, and its value, shown this once. */
	record Issued(ApiToken token, String value) {
	}

}
