package com.metricsdash.shopify;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdTokensTests {

	private static final String SECRET = "an-app-secret-that-is-long-enough-for-hs256";

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	private final IdTokens idTokens = idTokens(Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void aValidTokenNamesItsShopAndUser() {
		assertThat(this.idTokens.verify(token(claims(), JWSAlgorithm.HS256, SECRET)))
			.contains(new IdToken(new ShopDomain("shop-1.myshopify.com"), "42", "session-1", "jti-1",
					NOW.plusSeconds(70)));
	}

	@Test
	void aTokenWithoutExpiryNotBeforeIssuedAtOrIdIsRejected() {
		assertThat(this.idTokens.verify(token(claims().expirationTime(null), JWSAlgorithm.HS256, SECRET)))
			.as("no exp: it would never expire").isEmpty();
		assertThat(this.idTokens.verify(token(claims().notBeforeTime(null), JWSAlgorithm.HS256, SECRET))).as("no nbf")
			.isEmpty();
		assertThat(this.idTokens.verify(token(claims().issueTime(null), JWSAlgorithm.HS256, SECRET))).as("no iat")
			.isEmpty();
		assertThat(this.idTokens.verify(token(claims().jwtID(null), JWSAlgorithm.HS256, SECRET))).as("no jti")
			.isEmpty();
	}

	@Test
	void aTokenIssuedInTheFutureOrLivingLongerThanShopifysAreRejected() {
		assertThat(this.idTokens.verify(token(claims().issueTime(Date.from(NOW.plusSeconds(30))), JWSAlgorithm.HS256,
				SECRET))).as("issued in 30 s").isEmpty();
		assertThat(this.idTokens.verify(token(claims().expirationTime(Date.from(NOW.plus(Duration.ofDays(365)))),
				JWSAlgorithm.HS256, SECRET))).as("living a year").isEmpty();
		assertThat(this.idTokens.verify(token(claims().expirationTime(Date.from(NOW.plus(IdTokens.MAX_LIFETIME))),
				JWSAlgorithm.HS256, SECRET))).as("living the longest allowed").isPresent();
	}

	@Test
	void theSameTokenVerifiesAgainAndAgainWithinItsLifetime() {
		String token = token(claims(), JWSAlgorithm.HS256, SECRET);

		assertThat(this.idTokens.verify(token)).isPresent();
		assertThat(this.idTokens.verify(token)).as("App Bridge reuses a token for every request of its minute")
			.isPresent();
	}

	@Test
	void aVerifiedTokenIsRememberedAndStillStopsVerifyingWhenItExpires() {
		AdminApiFailuresTests.MovableClock clock = new AdminApiFailuresTests.MovableClock(NOW);
		IdTokens idTokens = idTokens(clock);
		String token = token(claims(), JWSAlgorithm.HS256, SECRET);

		assertThat(idTokens.verify(token)).isPresent();
		assertThat(idTokens.remembered()).isOne();
		clock.advance(Duration.ofSeconds(69));
		assertThat(idTokens.verify(token)).as("within exp and the leeway").isPresent();
		clock.advance(Duration.ofSeconds(1));
		assertThat(idTokens.verify(token)).as("remembered, but past exp and the leeway").isEmpty();
	}

	@Test
	void onlyVerifiedTokensAreRememberedAndNoMoreThanTheBound() {
		AdminApiFailuresTests.MovableClock clock = new AdminApiFailuresTests.MovableClock(NOW);
		IdTokens idTokens = idTokens(clock);

		assertThat(idTokens.verify(token(claims(), JWSAlgorithm.HS256, "another-secret-that-is-long-enough-too!")))
			.isEmpty();
		assertThat(idTokens.verify(token(claims().expirationTime(Date.from(NOW.minusSeconds(30))), JWSAlgorithm.HS256,
				SECRET))).isEmpty();
		assertThat(idTokens.remembered()).as("forged or expired: nothing to remember").isZero();
		for (int i = 0; i < IdTokens.REMEMBERED + 10; i++) {
			assertThat(idTokens.verify(token(claims().jwtID("jti-" + i), JWSAlgorithm.HS256, SECRET))).isPresent();
		}
		assertThat(idTokens.remembered()).as("all still valid: the bound holds").isEqualTo(IdTokens.REMEMBERED);
		clock.advance(Duration.ofMinutes(2));
		assertThat(idTokens.verify(token(issuedAt(clock.instant()), JWSAlgorithm.HS256, SECRET))).isPresent();
		assertThat(idTokens.remembered()).as("the expired ones swept for the new one").isOne();
	}

	@Test
	void expiryAndNotBeforeAllowTenSecondsOfClockSkew() {
		assertThat(this.idTokens.verify(token(issuedAt(NOW.minusSeconds(65)), JWSAlgorithm.HS256, SECRET))).isPresent();
		assertThat(this.idTokens.verify(token(issuedAt(NOW.minusSeconds(90)), JWSAlgorithm.HS256, SECRET)))
			.as("expired").isEmpty();
		assertThat(this.idTokens.verify(token(claims().notBeforeTime(Date.from(NOW.plusSeconds(30))),
				JWSAlgorithm.HS256, SECRET))).as("not yet valid").isEmpty();
	}

	@Test
	void forgedTokensAreRejected() {
		assertThat(this.idTokens.verify(token(claims(), JWSAlgorithm.HS256, "another-secret-that-is-long-enough-too!")))
			.as("other secret").isEmpty();
		assertThat(this.idTokens.verify(token(claims(), JWSAlgorithm.HS512, SECRET + SECRET))).as("other algorithm")
			.isEmpty();
		assertThat(this.idTokens.verify(new PlainJWT(new PlainHeader(), claims().build()).serialize())).as("alg none")
			.isEmpty();
		assertThat(this.idTokens.verify("not.a.jwt")).isEmpty();
		assertThat(this.idTokens.verify("")).isEmpty();
	}

	@Test
	void tokensForAnotherAppOrNamingTwoShopsAreRejected() {
		assertThat(this.idTokens.verify(token(claims().audience("other-app"), JWSAlgorithm.HS256, SECRET))).isEmpty();
		assertThat(this.idTokens.verify(token(claims().issuer("https://shop-2.myshopify.com/admin"), JWSAlgorithm.HS256,
				SECRET))).isEmpty();
		assertThat(this.idTokens.verify(token(claims().issuer("https://evil.com/admin").claim("dest", "https://evil.com"),
				JWSAlgorithm.HS256, SECRET))).isEmpty();
	}

	private static IdTokens idTokens(Clock clock) {
		return new IdTokens(new ShopifyProperties("app-key", SECRET, "read_orders", "https://{shop}",
				ShopifyProperties.PINNED_API_VERSION, 8, Duration.ofSeconds(10), Duration.ofMinutes(5),
				Duration.ofSeconds(10), Duration.ofSeconds(30)), clock);
	}

	private static JWTClaimsSet.Builder claims() {
		return new JWTClaimsSet.Builder().issuer("https://shop-1.myshopify.com/admin")
			.claim("dest", "https://shop-1.myshopify.com")
			.audience("app-key")
			.subject("42")
			.claim("sid", "session-1")
			.jwtID("jti-1")
			.issueTime(Date.from(NOW))
			.notBeforeTime(Date.from(NOW))
			.expirationTime(Date.from(NOW.plusSeconds(60)));
	}

	/** A token as Shopify issues them, living one minute from {@code at}. */
	private static JWTClaimsSet.Builder issuedAt(Instant at) {
		return claims().issueTime(Date.from(at)).notBeforeTime(Date.from(at)).expirationTime(Date.from(at.plusSeconds(60)));
	}

	private static String token(JWTClaimsSet.Builder claims, JWSAlgorithm algorithm, String secret) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims.build());
			jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
			return jwt.serialize();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
