package com.metricsdash.system;

import java.net.URI;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the app is reached from outside.
 *
 * @param appUrl the public base URL ({@code METRICSDASH_APP_URL}): OAuth redirects, webhook callbacks, email links
 */
@ConfigurationProperties("metricsdash")
@Validated
public record AppProperties(@NotNull URI appUrl) {

	/** An absolute URL of the app, e.g. {@code url("/auth/callback")}. */
	public String url(String path) {
		String base = this.appUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

}
