package com.metricsdash.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import com.metricsdash.system.LastKnown;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a browser session out once its store is no longer installed (the merchant removed the app, or the shop was
 * erased and installed again as another store), so that the cookie opens nothing a session token of that shop would
 * not: the request goes on unauthenticated, as a bearer of an uninstalled shop is refused, and the merchant is sent
 * to the connect page to install again. Runs before bearer authentication, so it sees only what the cookie carried.
 * While the database is unreachable the session is left as it is: the pages then say that the database is
 * unreachable, and an uninstalled store's figures are forgotten, so there is nothing of it to show.
 */
final class InstalledStoreSessions extends OncePerRequestFilter {

	private final InstalledShops shops;

	InstalledStoreSessions(InstalledShops shops) {
		this.shops = shops;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof StoreOwnerAuthentication signedIn
				&& !installed(signedIn.getPrincipal())) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			SecurityContextHolder.clearContext();
		}
		chain.doFilter(request, response);
	}

	private boolean installed(StoreOwner owner) {
		try {
			return this.shops.owner(owner.storeId()).isPresent();
		}
		catch (RuntimeException ex) {
			if (!LastKnown.databaseUnreachable(ex)) {
				throw ex;
			}
			return true;
		}
	}

}
