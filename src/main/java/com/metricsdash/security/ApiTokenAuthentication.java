package com.metricsdash.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates an API bearer as one of the app's own API tokens ({@link ApiTokens}), signed in as the owner of the
 * one store it was issued for, while that store is installed.
 */
final class ApiTokenAuthentication implements AuthenticationManager {

	private final ApiTokens tokens;

	private final InstalledShops shops;

	ApiTokenAuthentication(ApiTokens tokens, InstalledShops shops) {
		this.tokens = tokens;
		this.shops = shops;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String token = ((BearerTokenAuthenticationToken) authentication).getToken();
		ApiTokens.Grant grant = this.tokens.verify(token)
			.orElseThrow(() -> new InvalidBearerTokenException("This API token is unknown, has been revoked or has "
					+ "expired. Create a new one on the app's Settings page."));
		StoreOwner owner = this.shops.owner(grant.storeId())
			.orElseThrow(() -> new InvalidBearerTokenException("The store of this API token has removed the app."));
		return new StoreOwnerAuthentication(owner);
	}

}
