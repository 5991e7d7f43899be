package com.metricsdash.system;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.ErrorHandler;

/**
 * What a {@code @Scheduled} job's failure leaves in the log. While the database cannot be reached, the jobs that poll
 * it (every few seconds) would each log a stack trace per run, burying the one line an operator needs: that is said
 * once a minute instead, since the jobs simply try again on their next run. Any other failure is logged in full.
 */
final class ScheduledTaskErrors implements ErrorHandler {

	private static final Logger logger = LoggerFactory.getLogger(ScheduledTaskErrors.class);

	private final AtMostEvery outageWarnings = new AtMostEvery(Duration.ofMinutes(1));

	@Override
	public void handleError(Throwable failure) {
		if (failure instanceof RuntimeException ex && LastKnown.databaseUnreachable(ex)) {
			if (this.outageWarnings.due()) {
				logger.warn("Scheduled jobs cannot reach the database and retry on their next run (said once a "
						+ "minute while it lasts): {}", ex.getMessage());
			}
			return;
		}
		logger.error("A scheduled job failed", failure);
	}

}
