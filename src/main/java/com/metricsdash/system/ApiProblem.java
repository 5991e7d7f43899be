package com.metricsdash.system;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The refusals JSON API controllers throw, answered as {@code application/problem+json} with a sentence naming what
 * to fix, so that each controller words only its own and the common ones are worded once.
 */
public final class ApiProblem {

	private ApiProblem() {
	}

	public static ErrorResponseException of(HttpStatus status, String detail) {
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

	/**
	 * One field of the body breaks its rule: 400 with the sentence "'{field}' {rule}." in {@code detail} and the field
	 * listed in {@code errors} ({@code [{"field","detail"}]}), as every refused field is answered.
	 */
	public static ErrorResponseException invalidField(String field, String rule) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "'" + field + "' " + rule + ".");
		problem.setProperty("errors", List.of(Map.of("field", field, "detail", rule)));
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	/** The store an API path names is not (or no longer) installed. */
	public static ErrorResponseException storeNotInstalled(UUID storeId) {
		return of(HttpStatus.NOT_FOUND, "The store " + storeId + " is not installed.");
	}

}
