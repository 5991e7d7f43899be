package com.metricsdash.shopify;

/** Shopify's token endpoint refused a grant; {@code error} is the OAuth error code, e.g. {@code invalid_grant}. */
public class ShopifyOAuthException extends RuntimeException {

	private final int status;

	private final String error;

	public ShopifyOAuthException(int status, String error, String description) {
		super("Shopify refused the token request (" + status + " " + error + "): " + description);
		this.status = status;
		this.error = error;
	}

	public int status() {
		return this.status;
	}

	public String error() {
		return this.error;
	}

	/** Whether the grant itself is dead (code spent, refresh token expired or revoked), so only a new install helps. */
	public boolean grantRejected() {
		return "invalid_grant".equals(this.error);
	}

}
