package com.metricsdash.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.metricsdash.system.ProblemResponses;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers the API's refusals as {@code application/problem+json} (RFC 9457), like every other API error, since these
 * happen before any controller runs. Status and {@code WWW-Authenticate} come from the resource server's own handlers,
 * so API clients see the standard bearer challenge; the body adds a sentence a person can act on.
 */
final class ApiProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final String NO_TOKEN = "This endpoint needs an Authorization: Bearer header carrying a Shopify "
			+ "session token or an API token made on the app's Settings page.";

	private final AuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();

	private final AccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();

	private final ProblemResponses problems;

	ApiProblems(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException, ServletException {
		this.challenge.commence(request, response, failure);
		String detail = (failure instanceof OAuth2AuthenticationException bearer
				&& bearer.getError().getDescription() != null) ? bearer.getError().getDescription() : NO_TOKEN;
		this.problems.write(request, response, HttpStatus.UNAUTHORIZED, detail);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException failure)
			throws IOException, ServletException {
		this.denied.handle(request, response, failure);
		this.problems.write(request, response, HttpStatus.FORBIDDEN, "The bearer token does not give access to this store.");
	}

	/** The database is unreachable and the bearer's store not remembered: nothing can be answered for now. */
	void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "The database is unreachable, so the "
				+ "store of this bearer token cannot be looked up; try again in a minute.");
	}

}
