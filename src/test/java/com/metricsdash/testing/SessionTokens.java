package com.metricsdash.testing;

import java.time.Instant;
import java.util.Date;

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

	private SessionTokens() {
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

}
