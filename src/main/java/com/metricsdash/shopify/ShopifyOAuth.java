package com.metricsdash.shopify;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Shopify's token endpoint, {@code POST https://{shop}/admin/oauth/access_token}: the authorization code grant, token
 * exchange of an ID token, and the refresh grant. Every grant asks for an expiring offline token.
 */
@Component
public class ShopifyOAuth {

	private final ShopifyProperties properties;

	private final RestClient http;

	private final Clock clock;

	ShopifyOAuth(ShopifyProperties properties, RestClient.Builder http, Clock clock) {
		this.properties = properties;
		this.http = properties.client(http);
		this.clock = clock;
	}

	/** Where to send the merchant's browser to approve the install. */
	public String authorizeUrl(ShopDomain shop, String redirectUri, String state) {
		return org.springframework.web.util.UriComponentsBuilder
			.fromUriString(this.properties.shopBase(shop) + "/admin/oauth/authorize")
			.queryParam("client_id", this.properties.apiKey())
			.queryParam("scope", this.properties.scopes())
			.queryParam("redirect_uri", redirectUri)
			.queryParam("state", state)
			.encode()
			.toUriString();
	}

	public TokenGrant exchangeCode(ShopDomain shop, String code) {
		Map<String, Object> body = credentials();
		body.put("code", code);
		body.put("expiring", "1");
		return request(shop, body);
	}

	public TokenGrant exchangeIdToken(ShopDomain shop, String idToken) {
		Map<String, Object> body = credentials();
		body.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
		body.put("subject_token", idToken);
		body.put("subject_token_type", "urn:ietf:params:oauth:token-type:id_token");
		body.put("requested_token_type", "urn:shopify:params:oauth:token-type:offline-access-token");
		body.put("expiring", "1");
		return request(shop, body);
	}

	public TokenGrant refresh(ShopDomain shop, String refreshToken) {
		Map<String, Object> body = credentials();
		body.put("grant_type", "refresh_token");
		body.put("refresh_token", refreshToken);
		return request(shop, body);
	}

	private Map<String, Object> credentials() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("client_id", this.properties.apiKey());
		body.put("client_secret", this.properties.apiSecret());
		return body;
	}

	private TokenGrant request(ShopDomain shop, Map<String, Object> body) {
		JsonNode response;
		try {
			// the shop a variable of the URI template, which keeps it out of the client metrics' uri tag
			response = this.http.post()
				.uri(this.properties.endpoint() + "/admin/oauth/access_token", Map.of("shop", shop.value()))
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.body(body)
				.retrieve()
				.body(JsonNode.class);
		}
		catch (RestClientResponseException ex) {
			JsonNode error = ex.getResponseBodyAs(JsonNode.class);
			throw new ShopifyOAuthException(ex.getStatusCode().value(), text(error, "error", "unknown_error"),
					text(error, "error_description", ex.getStatusText()));
		}
		if (response == null || !response.hasNonNull("access_token")) {
			throw new ShopifyOAuthException(502, "invalid_response", "the token response carried no access token");
		}
		var now = this.clock.instant();
		return new TokenGrant(response.get("access_token").asString(),
				TokenGrant.expiry(now, longOrNull(response, "expires_in")), text(response, "refresh_token", null),
				TokenGrant.expiry(now, longOrNull(response, "refresh_token_expires_in")),
				text(response, "scope", ""));
	}

	private static String text(JsonNode node, String field, String fallback) {
		return (node != null && node.hasNonNull(field)) ? node.get(field).asString() : fallback;
	}

	private static Long longOrNull(JsonNode node, String field) {
		return node.hasNonNull(field) ? node.get(field).asLong() : null;
	}

}
