package com.metricsdash.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import com.metricsdash.system.PagePath;

import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Tells the layout whether to offer "Sign out" ({@code POST /logout}, which invalidates the session in Redis): only
 * to a browser session that is signed in. A page inside the Shopify admin has no session to end, its requests carry
 * session tokens instead. Added to pages only, as {@link PagePath} is.
 */
@Component
class SignOutButton implements HandlerInterceptor, WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView answer) {
		if (PagePath.isPage(answer)) {
			HttpSession session = request.getSession(false);
			answer.addObject("signedInSession", session != null
					&& session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) != null);
		}
	}

}
