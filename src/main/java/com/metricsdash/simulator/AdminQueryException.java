package com.metricsdash.simulator;

/**
 * A request the Admin API refuses while resolving a field (a malformed cursor or search query, a page too large); the
 * schema turns it into a GraphQL error with this message and {@code extensions.code}, as Shopify answers.
 */
class AdminQueryException extends RuntimeException {

	private final String code;

	AdminQueryException(String code, String message) {
		super(message);
		this.code = code;
	}

	String code() {
		return this.code;
	}

}
