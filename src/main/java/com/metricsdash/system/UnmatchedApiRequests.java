package com.metricsdash.system;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers an {@code /api/} request that no endpoint takes, an unknown path (404) or a method its path does not
 * support (405), with problem details like every other API error. These fail before a controller is chosen, so
 * {@link ApiErrors}, which advises the API's controllers only, never sees them, and they would otherwise get the
 * pages' error handling.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnmatchedApiRequests implements HandlerExceptionResolver {

	private final ProblemResponses problems;

	UnmatchedApiRequests(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.startsWith("/api/")) {
			return null;
		}
		if (ex instanceof NoResourceFoundException) {
			return write(request, response, HttpStatus.NOT_FOUND, "There is no API endpoint at " + path
					+ "; the endpoints are /api/stores and the paths below /api/stores/{storeId}.");
		}
		if (ex instanceof HttpRequestMethodNotSupportedException unsupported) {
			Set<HttpMethod> supported = unsupported.getSupportedHttpMethods();
			if (supported == null) {
				return write(request, response, HttpStatus.METHOD_NOT_ALLOWED,
						path + " does not take " + unsupported.getMethod() + ".");
			}
			String allowed = supported.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
			response.setHeader(HttpHeaders.ALLOW, allowed);
			return write(request, response, HttpStatus.METHOD_NOT_ALLOWED,
					path + " does not take " + unsupported.getMethod() + "; it takes " + allowed + ".");
		}
		return null;
	}

	private ModelAndView write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String detail) {
		try {
			this.problems.write(request, response, status, detail);
		}
		catch (IOException clientGone) {
			// nothing more to say to a client that has gone
		}
		return new ModelAndView();
	}

}
