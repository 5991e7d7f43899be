package com.metricsdash.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.metricsdash.system.LastKnown;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers an API request 503 (problem+json) when the caller cannot even be told apart because the database is
 * unreachable and their shop's store is not remembered from before ({@link InstalledShops}): that lookup happens in
 * the filter chain, where no controller's error handling sees it fail.
 */
final class UnreachableDatabase extends OncePerRequestFilter {

	private final ApiProblems problems;

	UnreachableDatabase(ApiProblems problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException ex) {
			if (!LastKnown.databaseUnreachable(ex) || response.isCommitted()) {
				throw ex;
			}
			this.problems.unavailable(request, response);
		}
	}

}
