package com.metricsdash.shopify;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

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
 * valid shop.
 */
@Component
public class IdTokens {

	private final NimbusJwtDecoder decoder;

	IdTokens(ShopifyProperties properties, Clock clock) {
		this.decoder = NimbusJwtDecoder
			.withSecretKey(new SecretKeySpec(properties.apiSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.idTokenLeeway());
		timestamps.setClock(clock);
		this.decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps,
				(jwt) -> require(List.of(properties.apiKey()).equals(jwt.getAudience()), "the token is for another app"),
				IdTokens::sameShop));
	}

	/** The verified token, or empty when it is forged, expired, for another app or malformed. */
	public Optional<IdToken> verify(String token) {
		if (token == null || token.isBlank()) {
			return Optional.empty();
		}
		try {
			Jwt jwt = this.decoder.decode(token);
			return Optional.of(new IdToken(shopOf(jwt.getClaimAsString("dest")).orElseThrow(), jwt.getSubject(),
					jwt.getClaimAsString("sid")));
		}
		catch (JwtException ex) {
			return Optional.empty();
		}
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
