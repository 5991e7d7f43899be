package com.metricsdash.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the Admin API refuses while resolving a field (a malformed cursor or search query, a page too large, a
 * field the token has no scope for); the schema turns it into a GraphQL error with this message and
 * {@code extensions.code} (plus any further extensions Shopify gives), as Shopify answers.
 */
class AdminQueryException extends RuntimeException {

	private final String code;

	private final Map<String, Object> details;

	AdminQueryException(String code, String message) {
		this(code, message, Map.of());
	}

	AdminQueryException(String code, String message, Map<String, Object> details) {
		super(message);
		this.code = code;
		this.details = details;
	}

	String code() {
		return this.code;
	}

	/** The error's {@code extensions}: the code first, then the details. */
	Map<String, Object> extensions() {
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("code", this.code);
		extensions.putAll(this.details);
		return extensions;
	}

}
