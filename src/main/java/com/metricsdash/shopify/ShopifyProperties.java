package com.metricsdash.shopify;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;

import org.springframework.core.io.ClassPathResource;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.client.RestClient;

/**
 * The app's registration with Shopify and where Shopify lives.
 *
 * @param apiKey the app's client id
 * @param apiSecret the app's client secret: signs OAuth callbacks, webhooks and ID tokens
 * @param scopes the access scopes the app asks for
 * @param endpoint where a shop's admin lives, {@code {shop}} replaced by its domain ({@code https://{shop}} at Shopify)
 * @param apiVersion the Admin API version every call asks for; the project ships its schema as
 * {@code shopify/admin-{version}.graphql}, against which every document is tested, and refuses to start without it
 * @param maxThrottleRetries how often one Admin API call waits out a THROTTLED answer before giving up
 * @param idTokenLeeway the clock skew allowed on an ID token's {@code exp} and {@code nbf}
 * @param tokenRefreshMargin how long before its expiry an access token is refreshed
 * @param connectTimeout how long a call to Shopify waits for its connection
 * @param readTimeout how long a call to Shopify waits for its answer, after which it counts as a failure that may
 * pass: without it, one request Shopify never answers would hold a sync or a webhook worker for good
 */
@ConfigurationProperties("metricsdash.shopify")
@Validated
public record ShopifyProperties(@NotBlank String apiKey, @NotBlank String apiSecret, @NotBlank String scopes,
		@NotBlank String endpoint, @DefaultValue(ShopifyProperties.PINNED_API_VERSION) String apiVersion,
		@DefaultValue("8") int maxThrottleRetries, @DefaultValue("10s") Duration idTokenLeeway,
		@DefaultValue("5m") Duration tokenRefreshMargin, @DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("30s") Duration readTimeout) {

	/**
	 * Shopify's current stable version, supported until October 2027. Shopify releases one each quarter and supports
	 * it for a year, then answers requests for it with the oldest version still supported: move up once a year, with
	 * the new version's schema beside it.
	 */
	public static final String PINNED_API_VERSION = "2026-10";

	public ShopifyProperties {
		if (apiVersion != null && !new ClassPathResource(schemaResource(apiVersion)).exists()) {
			throw new IllegalArgumentException("metricsdash.shopify.api-version " + apiVersion
					+ " has no schema: ship Shopify's Admin schema of that version as " + schemaResource(apiVersion));
		}
	}

	private static String schemaResource(String apiVersion) {
		return "shopify/admin-" + apiVersion + ".graphql";
	}

	/** Everything but the secret, which would otherwise reach any log line or error that prints the settings. */
	@Override
	public String toString() {
		return "ShopifyProperties[apiKey=" + this.apiKey + ", apiSecret=(hidden), scopes=" + this.scopes + ", endpoint="
				+ this.endpoint + ", apiVersion=" + this.apiVersion + "]";
	}

	/**
	 * A client for calls to Shopify from {@code http}, with this connection and read timeout: Spring's default client
	 * waits for an answer for ever.
	 */
	RestClient client(RestClient.Builder http) {
		HttpClientSettings settings = HttpClientSettings.defaults().withTimeouts(this.connectTimeout, this.readTimeout);
		return http.requestFactory(ClientHttpRequestFactoryBuilder.detect().build(settings)).build();
	}

	/** The base URL of a shop's admin, e.g. {@code https://x.myshopify.com}. */
	public String shopBase(ShopDomain shop) {
		return this.endpoint.replace("{shop}", shop.value());
	}

}
