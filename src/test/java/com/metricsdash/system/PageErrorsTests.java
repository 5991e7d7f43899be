package com.metricsdash.system;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * Which failures of a page {@link PageErrors} answers 503: the outage itself is covered end to end by {@code
 * DashboardOutageTests}, with a real PostgreSQL stopped; a failed rollback, which the outage can also surface as, is
 * made here, since when it comes depends on the moment the connection breaks.
 */
class PageErrorsTests {

	private final MockMvc pages = MockMvcBuilders.standaloneSetup(new FailingPages())
		.setControllerAdvice(new PageErrors())
		.build();

	@Test
	void aRollbackThatFailedBecauseTheDatabaseIsUnreachableAnswers503() throws Exception {
		this.pages.perform(get("/rollback-after-lost-connection"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "30"))
			.andExpect(view().name("error"));
	}

	@Test
	void anyOtherFailedRollbackIsLeftToTheUsualErrorHandling() {
		assertThatExceptionOfType(ServletException.class)
			.isThrownBy(() -> this.pages.perform(get("/rollback-failed")))
			.havingRootCause()
			.isInstanceOf(TransactionSystemException.class)
			.withMessage("could not roll back");
	}

	@Controller
	static class FailingPages {

		@GetMapping("/rollback-after-lost-connection")
		String rollbackAfterLostConnection() {
			TransactionSystemException rollback = new TransactionSystemException("could not roll back");
			rollback.initApplicationException(new DataAccessResourceFailureException("connection lost"));
			throw rollback;
		}

		@GetMapping("/rollback-failed")
		String rollbackFailed() {
			throw new TransactionSystemException("could not roll back");
		}

	}

}
