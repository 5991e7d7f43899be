package com.metricsdash.security;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP Strict Transport Security: how long browsers are told to reach the app over https only.
 *
 * @param maxAge the {@code max-age} of every response's {@code Strict-Transport-Security}; zero sends none, as in
 * {@code local}, where it would pin the developer's browser to https for localhost ({@code prod} sets a year)
 */
@ConfigurationProperties("metricsdash.hsts")
@Validated
record HstsProperties(@NotNull @DefaultValue("0s") Duration maxAge) {

	boolean enabled() {
		return !this.maxAge.isNegative() && !this.maxAge.isZero();
	}

}
