package com.metricsdash.simulator;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.stereotype.Component;

/**
 * ID tokens as the Shopify admin mints them for an embedded app (HS256 with the app's secret, one minute of life),
 * and their verification on the simulator's side of the token exchange.
 */
@Component
@ConditionalOnSimulator
class SimIdTokens {

	private static final Duration LIFETIME = Duration.ofMinutes(1);

	private final SimulatorProperties properties;

	private final Clock clock;

	SimIdTokens(SimulatorProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/** A fresh ID token for a staff member of the shop. */
	String mint(String shopDomain, String userId) {
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://" + shopDomain + "/admin")
			.claim("dest", "https://" + shopDomain)
			.audience(this.properties.clientId())
			.subject(userId)
			.expirationTime(Date.from(now.plus(LIFETIME)))
			.notBeforeTime(Date.from(now))
			.issueTime(Date.from(now))
			.jwtID(UUID.randomUUID().toString())
			.claim("sid", UUID.randomUUID().toString())
			.build();
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
			jwt.sign(new MACSigner(secret()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign an ID token", ex);
		}
	}

	/** Whether the token is a live ID token of this app for the shop. */
	boolean valid(String token, String shopDomain) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			Date now = Date.from(this.clock.instant());
			return JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) && jwt.verify(new MACVerifier(secret()))
					&& claims.getExpirationTime() != null && now.before(claims.getExpirationTime())
					&& List.of(this.properties.clientId()).equals(claims.getAudience())
					&& ("https://" + shopDomain).equals(claims.getStringClaim("dest"));
		}
		catch (ParseException | JOSEException ex) {
			return false;
		}
	}

	private byte[] secret() {
		return this.properties.clientSecret().getBytes(StandardCharsets.UTF_8);
	}

}
