package com.metricsdash.shopify;

/** The Admin API answered with errors, or could not be reached. */
public class AdminApiException extends RuntimeException {

	private final boolean unauthorized;

	private final boolean transientFailure;

	public AdminApiException(String message, boolean unauthorized) {
		this(message, unauthorized, false);
	}

	private AdminApiException(String message, boolean unauthorized, boolean transientFailure) {
		super(message);
		this.unauthorized = unauthorized;
		this.transientFailure = transientFailure;
	}

	/**
	 * Shopify failed in a way that may pass (a 5xx, a 429 with no bucket to wait on, no connection) and went on
	 * failing while the client retried: the same request may well succeed later.
	 */
	static AdminApiException transientFailure(String message) {
		return new AdminApiException(message, false, true);
	}

	/** Whether Shopify refused the access token (HTTP 401): the token is dead, not the request. */
	public boolean unauthorized() {
		return this.unauthorized;
	}

	/** Whether the failure may pass, so that the same request is worth sending again later. */
	public boolean transientFailure() {
		return this.transientFailure;
	}

}
