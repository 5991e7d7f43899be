package com.metricsdash.security;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;

/**
 * Browser sessions live in Redis. While Redis cannot be reached, a request that reads or saves one (a signed-in page,
 * the start of a sign-in) fails; instead of a bare error 500 it is answered 503 with {@code Retry-After} and a page
 * that says why and what still works: the dashboard inside the Shopify admin needs no session. Placed ahead of the
 * session filter, whose own reads and writes fail there; the page is rendered without a session.
 */
final class SessionStoreUnreachable extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(SessionStoreUnreachable.class);

	static final String VIEW = "security/session-store-unreachable";

	private static final String RETRY_AFTER_SECONDS = "30";

	private final ViewResolver views;

	SessionStoreUnreachable(ViewResolver views) {
		this.views = views;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException | IOException ex) {
			if (!redisUnreachable(ex) || response.isCommitted()) {
				throw ex;
			}
			logger.warn("{} {} answered 503: the session store (Redis) is unreachable: {}", request.getMethod(),
					request.getRequestURI(), ex.toString());
			response.reset();
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
			// the page's CSRF token would be read from the session
			request.removeAttribute(CsrfToken.class.getName());
			request.removeAttribute("_csrf");
			try {
				View view = this.views.resolveViewName(VIEW, request.getLocale());
				view.render(Map.of(), request, response);
			}
			catch (Exception rendering) {
				throw new ServletException("Could not render " + VIEW, rendering);
			}
		}
	}

	private static boolean redisUnreachable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RedisSystemException || cause instanceof RedisConnectionFailureException) {
				return true;
			}
		}
		return false;
	}

}
