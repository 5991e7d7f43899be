package com.metricsdash.dashboard;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A dashboard that can be neither worked out, since PostgreSQL cannot be reached, nor shown from before, since none
 * is remembered: the API answers 503 with this sentence, and the page says so in place of the figures.
 */
class FiguresUnavailableException extends ErrorResponseException {

	FiguresUnavailableException(UUID storeId, RuntimeException cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The figures of store " + storeId + " cannot be worked out because the database is unreachable, and "
						+ "no earlier figures of this store are kept to show instead; try again in a minute."),
				cause);
	}

}
