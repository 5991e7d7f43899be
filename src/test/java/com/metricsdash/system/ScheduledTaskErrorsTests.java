package com.metricsdash.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ScheduledTaskErrorsTests {

	private final ScheduledTaskErrors errors = new ScheduledTaskErrors();

	@Test
	void anUnreachableDatabaseIsSaidOnceNotOncePerRun(CapturedOutput output) {
		for (int run = 0; run < 5; run++) {
			this.errors.handleError(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));
		}

		assertThat(output.getOut().split("Scheduled jobs cannot reach the database", -1)).hasSize(2);
		assertThat(output.getOut()).contains("Failed to obtain JDBC Connection").doesNotContain("\tat ");
	}

	@Test
	void anyOtherFailureIsLoggedInFullEveryTime(CapturedOutput output) {
		this.errors.handleError(new IllegalStateException("a bug"));
		this.errors.handleError(new IllegalStateException("a bug"));

		assertThat(output.getOut().split("A scheduled job failed", -1)).hasSize(3);
		assertThat(output.getOut()).contains("java.lang.IllegalStateException: a bug").contains("\tat ");
	}

}
