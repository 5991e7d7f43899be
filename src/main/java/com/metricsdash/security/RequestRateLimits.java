package com.metricsdash.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.metricsdash.system.Digests;
import com.metricsdash.system.ProblemResponses;
import com.metricsdash.system.RateLimits;
import com.metricsdash.system.RateLimits.Exceeded;
import com.metricsdash.system.RateLimits.Limit;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the requests whose callers are known before anything else runs: OAuth starts and callbacks per client
 * address, and the JSON API per bearer token. It runs just before the security filter chain, so a caller over its
 * limit costs no token verification, no database lookup and no session. Over the limit, the API answers 429
 * problem+json and the OAuth pages the app's error page, both with {@code Retry-After}.
 * <p>
 * The client address is the request's remote address. In {@code prod} ({@code server.forward-headers-strategy=
 * framework}) that is the first {@code X-Forwarded-For} address, so the proxy in front of the app must overwrite
 * that header, or a client could claim a new address with every request; locally it is the connection's. A token is
 * counted by its SHA-256, never kept as it is; requests without a bearer are refused by the chain at no cost and not
 * counted.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1)
class RequestRateLimits extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final RateLimits limits;

	private final ProblemResponses problems;

	RequestRateLimits(RateLimits limits, ProblemResponses problems) {
		this.limits = limits;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getServletPath();
		if (path.equals("/auth") || path.equals("/auth/callback")) {
			Optional<Exceeded> exceeded = this.limits.hit(Limit.AUTH, request.getRemoteAddr());
			if (exceeded.isPresent()) {
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(exceeded.get().retryAfterSeconds()));
				response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
				return;
			}
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (path.startsWith("/api/") && authorization != null && authorization.startsWith(BEARER)) {
			String token = authorization.substring(BEARER.length());
			Optional<Exceeded> exceeded = this.limits.hit(Limit.API, Digests.hex("SHA-256", token));
			if (exceeded.isPresent()) {
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(exceeded.get().retryAfterSeconds()));
				this.problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
						"Too many requests with this bearer token: " + exceeded.get().sentence() + ".");
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
