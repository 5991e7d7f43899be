package com.metricsdash.system;

import java.time.Duration;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page, or a fragment a page polls for, that cannot be made because PostgreSQL cannot be reached ({@link
 * LastKnown#databaseUnreachable}) answers 503 with {@code Retry-After} and the error page saying so, where it had been
 * "something went wrong" with a stack trace logged for every request of the outage; the outage is logged once a
 * minute. The dashboard's own fragments show the last figures instead ({@code Dashboards}), and the JSON API answers
 * problem+json ({@link ApiErrors}, ordered before this).
 * <p>
 * The handler is asked about the exceptions an unreachable database can surface as, a failed rollback among them,
 * and {@link LastKnown#databaseUnreachable} decides; any other such failure is thrown on, so Spring goes on with its
 * own handling of it (the error page, 500, the stack trace logged).
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {

	private static final Logger logger = LoggerFactory.getLogger(PageErrors.class);

	/** As for sign-in while Redis is down: long enough for a restart, short enough that nobody gives up. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(30);

	private final AtMostEvery warnings = new AtMostEvery(Duration.ofMinutes(1));

	@ExceptionHandler({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
			TransactionSystemException.class })
	ModelAndView databaseUnreachable(RuntimeException ex, HttpServletResponse response) {
		if (!LastKnown.databaseUnreachable(ex)) {
			throw ex;
		}
		if (this.warnings.due()) {
			logger.warn("Pages answer 503, the database is unreachable (and maybe more in the next minute): {}",
					ex.getMessage());
		}
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
		ModelAndView page = new ModelAndView("error", HttpStatus.SERVICE_UNAVAILABLE);
		page.addObject("status", HttpStatus.SERVICE_UNAVAILABLE.value());
		return page;
	}

}
