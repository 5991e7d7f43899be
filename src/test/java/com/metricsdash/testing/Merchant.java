package com.metricsdash.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A merchant's browser without the browser: real HTTP with cookies, following no redirect on its own, so that a test
 * can look at (and tamper with) every hop of an install.
 */
public final class Merchant {

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;

	public Merchant(int port) {
		this.base = "http://localhost:" + port;
	}

	public HttpResponse<String> get(String pathOrUrl) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "text/html").GET());
	}

	public HttpResponse<String> getJson(String pathOrUrl) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "application/json").GET());
	}

	/** Submits a form as a browser does. */
	public HttpResponse<String> post(String pathOrUrl, String formBody) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(formBody)));
	}

	/** Posts as the page's htmx would: with the CSRF token the signed-in page carries. */
	public HttpResponse<String> postWithCsrf(String path) {
		return send(HttpRequest.newBuilder(uri(path)).header("X-CSRF-TOKEN", csrfToken())
			.POST(HttpRequest.BodyPublishers.noBody()));
	}

	/** Posts a form as the page's htmx would: url-encoded, with the CSRF token the signed-in page carries. */
	public HttpResponse<String> postFormWithCsrf(String path, String formBody) {
		return send(HttpRequest.newBuilder(uri(path)).header("X-CSRF-TOKEN", csrfToken())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(formBody)));
	}

	/** Deletes as the page's htmx would: with the CSRF token the signed-in page carries. */
	public HttpResponse<String> deleteWithCsrf(String path) {
		return send(HttpRequest.newBuilder(uri(path)).header("X-CSRF-TOKEN", csrfToken()).DELETE());
	}

	private String csrfToken() {
		java.util.regex.Matcher token = java.util.regex.Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"")
			.matcher(get("/").body());
		if (!token.find()) {
			throw new IllegalStateException("The page carries no CSRF token");
		}
		return token.group(1);
	}

	/**
	 * Starts an install at {@code /auth} and approves it on the simulator's consent page; returns Shopify's
	 * redirect back to the app (the signed callback URL), not yet followed.
	 */
	public String approveInstall(String shop) {
		HttpResponse<String> start = get("/auth?shop=" + shop);
		if (start.statusCode() != 302) {
			throw new IllegalStateException("/auth answered " + start.statusCode() + ": " + start.body());
		}
		URI authorize = URI.create(location(start));
		HttpResponse<String> approved = post(authorize.getPath(), authorize.getRawQuery());
		if (approved.statusCode() != 302) {
			throw new IllegalStateException("The consent page answered " + approved.statusCode());
		}
		return location(approved);
	}

	/** Installs the shop end to end and returns the page the merchant lands on. */
	public HttpResponse<String> install(String shop) {
		HttpResponse<String> callback = get(approveInstall(shop));
		if (callback.statusCode() != 302) {
			throw new IllegalStateException("The callback answered " + callback.statusCode() + ": " + callback.body());
		}
		return get(location(callback));
	}

	/** The merchant's cookies as a {@code Cookie} header, for clients that are not this one (a WebSocket, a browser). */
	public String cookieHeader() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.map((cookie) -> cookie.getName() + "=" + cookie.getValue())
			.collect(java.util.stream.Collectors.joining("; "));
	}

	public static String location(HttpResponse<?> response) {
		return response.headers().firstValue("Location").orElseThrow();
	}

	private URI uri(String pathOrUrl) {
		return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : this.base + pathOrUrl);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
