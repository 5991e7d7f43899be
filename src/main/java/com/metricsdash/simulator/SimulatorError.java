package com.metricsdash.simulator;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A request the simulator refuses as Shopify would, with Shopify's sentence. */
class SimulatorError extends ResponseStatusException {

	SimulatorError(HttpStatus status, String sentence) {
		super(status, sentence);
	}

}
