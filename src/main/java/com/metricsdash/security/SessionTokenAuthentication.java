package com.metricsdash.security;

import com.metricsdash.shopify.IdToken;
import com.metricsdash.shopify.IdTokens;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates an API bearer as a Shopify session token: verified by the very rules of {@link IdTokens} that embedded
 * pages and live sockets use, so the API accepts exactly the tokens they do, and signed in as the owner of the store
 * installed for the token's shop. Resource-server support extracts the bearer and answers failures; the token itself
 * is parsed nowhere else.
 */
final class SessionTokenAuthentication implements AuthenticationManager {

	private final IdTokens idTokens;

	private final InstalledShops shops;

	SessionTokenAuthentication(IdTokens idTokens, InstalledShops shops) {
		this.idTokens = idTokens;
		this.shops = shops;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String token = ((BearerTokenAuthenticationToken) authentication).getToken();
		IdToken verified = this.idTokens.verify(token)
			.orElseThrow(() -> new InvalidBearerTokenException(
					"The bearer token is not a valid Shopify session token for this app, or it has expired."));
		StoreOwner owner = this.shops.owner(verified.shop())
			.orElseThrow(() -> new InvalidBearerTokenException(
					"The shop " + verified.shop().value() + " has not installed the app."));
		return new StoreOwnerAuthentication(owner);
	}

}
