package com.metricsdash.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The authentication a browser session carries once a store owner has signed in through Shopify. */
final class StoreOwnerAuthentication extends AbstractAuthenticationToken {

	private final StoreOwner owner;

	StoreOwnerAuthentication(StoreOwner owner) {
		super(List.of(new SimpleGrantedAuthority("ROLE_STORE_OWNER")));
		this.owner = owner;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public StoreOwner getPrincipal() {
		return this.owner;
	}

}
