package com.metricsdash.shopify;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Verifies Shopify ID tokens as SHOPIFY.md requires: HS256 only, signed with the app's secret, {@code exp} and
 * {@code nbf} within the leeway, {@code aud} the app's client id, and {@code iss} and {@code dest} naming the same
 * valid shop. Every claim Shopify always sets must be there: a token without {@code exp} would never expire, and one
 * issued in the future or living longer than {@link #MAX_LIFETIME} (Shopify's live one minute) is none the admin
 * minted.
 * <p>
 * {@code jti} must be present but does not make a token single-use: App Bridge hands out the same token for every
 * request of its minute ({@code shopify.idToken()} caches it), and an embedded page sends it with each htmx request,
 * its live socket and the socket's renewals, so refusing a second use would break the page while protecting nothing
 * that the one-minute lifetime and TLS do not already. The one place where a token buys something lasting, an install
 * by token exchange, refuses a token used before (see {@code ExchangedIdTokens}).
 * <p>
 * So a token verified once is remembered, by its whole text, until it stops verifying ({@link IdToken#validUntil}):
 * decoding it again (its JSON, its claims, Spring's conversions of them) was a seventh of a dashboard read's CPU, and
 * gives the same answer for the same text until then. What is not verified is never remembered, and at most
 * {@value #REMEMBERED} tokens are: when that many are, those that stopped verifying are dropped (at most once a
 * second), and a token that finds no room is verified each time it comes.
 */
@Component
public class IdTokens {

	/** The longest life ({@code exp} after {@code iat}) a session token may claim. */
	static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

	/** The most tokens remembered at once: a minute's worth of many thousands of open pages. */
	static final int REMEMBERED = 20_000;

	private final NimbusJwtDecoder decoder;

	private final Duration leeway;

	private final Clock clock;

	/** The tokens verified, by their text, until they stop verifying. */
	private final Map<String, IdToken> verified = new ConcurrentHashMap<>();

	/** When the tokens remembered may next be swept of those that stopped verifying. */
	private volatile Instant nextSweep = Instant.MIN;

	IdTokens(ShopifyProperties properties, Clock clock) {
		this.decoder = NimbusJwtDecoder
			.withSecretKey(new SecretKeySpec(properties.apiSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		this.leeway = properties.idTokenLeeway();
		this.clock = clock;
		JwtTimestampValidator timestamps = new JwtTimestampValidator(this.leeway);
		timestamps.setClock(clock);
		timestamps.setAllowEmptyExpiryClaim(false);
		timestamps.setAllowEmptyNotBeforeClaim(false);
		this.decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps,
				(jwt) -> issuedSanely(jwt, clock.instant().plus(this.leeway)),
				(jwt) -> require(jwt.getId() != null && !jwt.getId().isBlank(), "the token has no jti"),
				(jwt) -> require(List.of(properties.apiKey()).equals(jwt.getAudience()), "the token is for another app"),
				IdTokens::sameShop));
	}

	/** The verified token, or empty when it is forged, expired, for another app or malformed. */
	public Optional<IdToken> verify(String token) {
		if (token == null || token.isBlank()) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		IdToken known = this.verified.get(token);
		if (known != null) {
			return now.isBefore(known.validUntil()) ? Optional.of(known) : Optional.empty();
		}
		IdToken decoded;
		try {
			Jwt jwt = this.decoder.decode(token);
			decoded = new IdToken(shopOf(jwt.getClaimAsString("dest")).orElseThrow(), jwt.getSubject(),
					jwt.getClaimAsString("sid"), jwt.getId(), jwt.getExpiresAt().plus(this.leeway));
		}
		catch (JwtException ex) {
			return Optional.empty();
		}
		remember(token, decoded, now);
		return Optional.of(decoded);
	}

	/** How many verified tokens are remembered now, expired ones included until room is needed. */
	int remembered() {
		return this.verified.size();
	}

	private void remember(String token, IdToken decoded, Instant now) {
		if (this.verified.size() >= REMEMBERED && !now.isBefore(this.nextSweep)) {
			this.nextSweep = now.plusSeconds(1);
			this.verified.values().removeIf((known) -> !now.isBefore(known.validUntil()));
		}
		if (this.verified.size() < REMEMBERED) {
			this.verified.put(token, decoded);
		}
	}

	/** Issued at all, not after {@code latest}, and living at most {@link #MAX_LIFETIME}. */
	private static OAuth2TokenValidatorResult issuedSanely(Jwt jwt, Instant latest) {
		Instant issued = jwt.getIssuedAt();
		Instant expires = jwt.getExpiresAt();
		return require(issued != null && expires != null && !issued.isAfter(latest) && expires.isAfter(issued)
				&& !expires.isAfter(issued.plus(MAX_LIFETIME)), "the token's iat is missing or not sane");
	}

	private static OAuth2TokenValidatorResult sameShop(Jwt jwt) {
		Optional<ShopDomain> dest = shopOf(jwt.getClaimAsString("dest"));
		Optional<ShopDomain> issuer = shopOf(jwt.getClaimAsString("iss"), "/admin");
		return require(dest.isPresent() && dest.equals(issuer), "iss and dest do not name the same shop");
	}

	private static Optional<ShopDomain> shopOf(String url) {
		return shopOf(url, "");
	}

	private static Optional<ShopDomain> shopOf(String url, String path) {
		String prefix = "https://";
		if (url == null || !url.startsWith(prefix) || !url.endsWith(path)) {
			return Optional.empty();
		}
		return ShopDomain.parse(url.substring(prefix.length(), url.length() - path.length()));
	}

	private static OAuth2TokenValidatorResult require(boolean condition, String reason) {
		return condition ? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", reason, null));
	}

}
