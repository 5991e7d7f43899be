package com.metricsdash.system;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error of a {@link JsonApi} controller as {@code application/problem+json} (RFC 9457). Spring MVC already
 * answers its own exceptions with problem details; this replaces their generic details ("Failed to read request")
 * with sentences naming the field at fault, so that an API client's developer can fix the request from the response
 * alone, and answers what nothing else handled with a 500 problem rather than the pages' error view, or a 503 when the
 * database could not be reached. Ordered first, so that the pages' handler of an unreachable database
 * ({@link PageErrors}) never takes an API request's.
 */
@RestControllerAdvice(annotations = JsonApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ApiErrors.class);

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String expected = (ex.getRequiredType() != null) ? describe(ex.getRequiredType()) : "another value";
		return problem(status, "'" + ex.getPropertyName() + "' must be " + expected + "; '" + ex.getValue()
				+ "' is not.", headers);
	}

	/**
	 * A body that could not be read: a field of the wrong type is named in {@code errors} too, as a field out of range
	 * is, so that a client reads every refusal of a field the same way.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Optional<String> field = unreadableField(ex);
		if (field.isEmpty()) {
			return problem(status, unreadable(ex), headers);
		}
		return ResponseEntity.status(status)
			.headers(headers)
			.body(ApiProblem.invalidField(field.get(), "must be " + expected(ex)).getBody());
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<String> sentences = ex.getFieldErrors()
			.stream()
			.map((error) -> "'" + error.getField() + "' " + error.getDefaultMessage() + ".")
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, String.join(" ", sentences));
		problem.setProperty("errors", ex.getFieldErrors()
			.stream()
			.map((error) -> Map.of("field", error.getField(), "detail", error.getDefaultMessage()))
			.toList());
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/**
	 * A query string Tomcat cannot decode (a broken %-escape) is the client's mistake: 400, where the catch-all below
	 * answered 500 as soon as an endpoint read its query.
	 */
	@ExceptionHandler
	ResponseEntity<Object> unreadableQuery(InvalidParameterException ex) {
		return problem(HttpStatus.BAD_REQUEST, "The query string could not be read: each % must start an escape such "
				+ "as %20.", new HttpHeaders());
	}

	@ExceptionHandler
	ResponseEntity<Object> unexpected(Exception ex) {
		if (ex instanceof RuntimeException failure && LastKnown.databaseUnreachable(failure)) {
			log.warn("An API request failed, the database is unreachable: " + ex.getMessage());
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "The database is unreachable right now; please try again "
					+ "in a minute.", new HttpHeaders());
		}
		log.error("An API request failed", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "The request failed on our side; please try again later.",
				new HttpHeaders());
	}

	private static ResponseEntity<Object> problem(HttpStatusCode status, String detail, HttpHeaders headers) {
		return ResponseEntity.status(status).headers(headers).body(ProblemDetail.forStatusAndDetail(status, detail));
	}

	/** What is wrong with a body whose fault is not one field's. */
	private static String unreadable(HttpMessageNotReadableException ex) {
		return (ex.getCause() instanceof JacksonException) ? "The request body is not the JSON object this endpoint "
				+ "expects." : "The request needs a JSON body.";
	}

	/** The field of the body that could not be read, if the fault is one field's. */
	private static Optional<String> unreadableField(HttpMessageNotReadableException ex) {
		if (!(ex.getCause() instanceof JacksonException json)) {
			return Optional.empty();
		}
		return json.getPath()
			.stream()
			.reduce((first, second) -> second)
			.map(JacksonException.Reference::getPropertyName);
	}

	/** What the unreadable field should have been. */
	private static String expected(HttpMessageNotReadableException ex) {
		return (ex.getCause() instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null)
				? describe(mismatch.getTargetType()) : "another value";
	}

	private static String describe(Class<?> type) {
		if (type == LocalDate.class) {
			return "an ISO date such as 2024-01-15";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "a whole number";
		}
		return "a valid " + type.getSimpleName();
	}

}
