package com.metricsdash.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Shopify session (ID) tokens made to measure, for tests of what the app must refuse: expired, or signed wrongly. */
public final class SessionTokens {

	/** The API key the app has in the {@code local} profile, which tests run under. */
	public static final String API_KEY = "metricsdash-local";

	/** How long App Bridge hands out the same token: until shortly before its minute ends. */
	private static final Duration REUSED_FOR = Duration.ofSeconds(50);

	/** The token that {@link #ofPage} hands out to each page, by shop and page. */
	private static final Map<String, Signed> pages = new ConcurrentHashMap<>();

	private SessionTokens() {
	}

	/**
	 * The token that embedded page {@code page} of the shop sends now, as App Bridge hands them out
	 * ({@code shopify.idToken()}): the same for every request until it is {@link #REUSED_FOR} old, then a new one; for
	 * load generators, whose reads are those of open pages (each page's within the API's limit per token).
	 */
	public static String ofPage(String shop, int page, String secret) {
		Instant now = Instant.now();
		return pages.compute(shop + "#" + page,
				(key, signed) -> (signed != null && now.isBefore(signed.at().plus(REUSED_FOR))) ? signed
						: new Signed(sign(shop, secret, now), now))
			.token();
	}

	/** A token for the shop as Shopify shapes them, signed with {@code secret}, living a minute from {@code issuedAt}. */
	public static String sign(String shop, String secret, Instant issuedAt) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
					new JWTClaimsSet.Builder().issuer("https://" + shop + "/admin")
						.claim("dest", "https://" + shop)
						.audience(API_KEY)
						.subject("42")
						.claim("sid", "s")
						.jwtID(java.util.UUID.randomUUID().toString())
						.issueTime(Date.from(issuedAt))
						.notBeforeTime(Date.from(issuedAt))
						.expirationTime(Date.from(issuedAt.plusSeconds(60)))
						.build());
			jwt.sign(new MACSigner(secret));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Signed(String token, Instant at) {
	}

}
