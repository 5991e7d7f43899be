package com.metricsdash.shopify;

/** The Admin API answered with errors, or could not be reached. */
public class AdminApiException extends RuntimeException {

	private final boolean unauthorized;

	public AdminApiException(String message, boolean unauthorized) {
		super(message);
		this.unauthorized = unauthorized;
	}

	/** Whether Shopify refused the access token (HTTP 401): the token is dead, not the request. */
	public boolean unauthorized() {
		return this.unauthorized;
	}

}
