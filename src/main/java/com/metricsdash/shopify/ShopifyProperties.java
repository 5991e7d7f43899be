package com.metricsdash.shopify;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The app's registration with Shopify and where Shopify lives.
 *
 * @param apiKey the app's client id
 * @param apiSecret the app's client secret: signs OAuth callbacks, webhooks and ID tokens
 * @param scopes the access scopes the app asks for
 * @param endpoint where a shop's admin lives, {@code {shop}} replaced by its domain ({@code https://{shop}} at Shopify)
 * @param apiVersion the Admin API version, pinned to the schema the project ships
 * @param maxThrottleRetries how often one Admin API call waits out a THROTTLED answer before giving up
 * @param idTokenLeeway the clock skew allowed on an ID token's {@code exp} and {@code nbf}
 * @param tokenRefreshMargin how long before its expiry an access token is refreshed
 */
@ConfigurationProperties("metricsdash.shopify")
@Validated
public record ShopifyProperties(@NotBlank String apiKey, @NotBlank String apiSecret, @NotBlank String scopes,
		@NotBlank String endpoint, @DefaultValue("2025-04") String apiVersion,
		@DefaultValue("8") int maxThrottleRetries, @DefaultValue("10s") Duration idTokenLeeway,
		@DefaultValue("5m") Duration tokenRefreshMargin) {

	/** The base URL of a shop's admin, e.g. {@code https://x.myshopify.com}. */
	public String shopBase(ShopDomain shop) {
		return this.endpoint.replace("{shop}", shop.value());
	}

}
