package com.metricsdash.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Signs a browser session in as a store's owner once Shopify has vouched for them (a verified OAuth callback), with a
 * new session id so that nothing planted before sign-in survives it.
 */
@Component
public class SignIn {

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();

	public void signIn(StoreOwner owner, HttpServletRequest request, HttpServletResponse response) {
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		SecurityContext context = this.holder.createEmptyContext();
		context.setAuthentication(new StoreOwnerAuthentication(owner));
		this.holder.setContext(context);
		this.repository.saveContext(context, request, response);
	}

}
