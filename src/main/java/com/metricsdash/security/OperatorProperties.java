package com.metricsdash.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access to the operator pages ({@code /operator/**}).
 *
 * @param password the password of user {@code operator} ({@code METRICSDASH_OPERATOR_PASSWORD}); without one the
 * operator pages are closed
 */
@ConfigurationProperties("metricsdash.operator")
record OperatorProperties(String password) {

	boolean enabled() {
		return this.password != null && !this.password.isBlank();
	}

	@Override
	public String toString() {
		return "OperatorProperties[enabled=" + enabled() + "]";
	}

}
