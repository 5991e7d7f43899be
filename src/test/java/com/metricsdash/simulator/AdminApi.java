package com.metricsdash.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to the simulator's Admin API over real HTTP, as the app's client will. */
final class AdminApi {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json;

	private final int port;

	AdminApi(JsonMapper json, int port) {
		this.json = json;
		this.port = port;
	}

	/** Posts a document with a token (none when null) to a shop and API version. */
	Response post(String domain, String version, String token, String query, Map<String, Object> variables) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", query);
		body.put("variables", variables);
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(url("/simulator/" + domain + "/admin/api/" + version + "/graphql.json")))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body)));
		if (token != null) {
			request.header("X-Shopify-Access-Token", token);
		}
		return send(request.build());
	}

	/** Posts a document to the shop's API at the current version and expects 200. */
	JsonNode query(SimShop shop, String token, String query, Map<String, Object> variables) {
		Response response = post(shop.domain(), AdminSchema.VERSION, token, query, variables);
		if (response.status() != 200) {
			throw new AssertionError("Expected 200 but was " + response.status() + ": " + response.body());
		}
		return response.body();
	}

	JsonNode query(SimShop shop, String token, String query) {
		return query(shop, token, query, Map.of());
	}

	/** Gets a URL as text, without any token. */
	HttpResponse<String> get(String url) {
		return exchange(HttpRequest.newBuilder(URI.create(url)).build());
	}

	JsonNode parse(String text) {
		return this.json.readTree(text);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private Response send(HttpRequest request) {
		HttpResponse<String> response = exchange(request);
		return new Response(response.statusCode(),
				response.headers().firstValue("X-Shopify-API-Version").orElse(null),
				this.json.readTree(response.body()));
	}

	private HttpResponse<String> exchange(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** An answer; {@code apiVersion} is its {@code X-Shopify-API-Version} header, null without one. */
	record Response(int status, String apiVersion, JsonNode body) {
	}

}
