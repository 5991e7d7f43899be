package com.metricsdash.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import com.metricsdash.system.PageAttributes;

import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.ui.ModelMap;

/**
 * Tells the layout whether to offer "Sign out" ({@code POST /logout}, which invalidates the session in Redis): only
 * to a browser session that is signed in. A page inside the Shopify admin has no session to end, its requests carry
 * session tokens instead.
 */
@Component
class SignOutButton extends PageAttributes {

	@Override
	protected void add(HttpServletRequest request, ModelMap page) {
		HttpSession session = request.getSession(false);
		page.addAttribute("signedInSession", session != null
				&& session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) != null);
	}

}
