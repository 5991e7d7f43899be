package com.metricsdash.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Tells the layout whether to offer "Sign out" ({@code POST /logout}, which invalidates the session in Redis): only
 * to a browser session that is signed in. A page inside the Shopify admin has no session to end, its requests carry
 * session tokens instead.
 */
@ControllerAdvice
class SignOutButton {

	@ModelAttribute("signedInSession")
	boolean signedInSession(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session != null
				&& session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) != null;
	}

}
