package com.metricsdash.shopify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class WebhookInboxPageTests {

	private static final String OPERATOR = "Basic "
			+ Base64.getEncoder().encodeToString("operator:operator".getBytes(StandardCharsets.UTF_8));

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();

	@Test
	void theInboxPageIsForOperatorsOnly() throws Exception {
		assertThat(get(null).statusCode()).isEqualTo(401);
		assertThat(get("Basic " + Base64.getEncoder().encodeToString("operator:wrong".getBytes(StandardCharsets.UTF_8)))
			.statusCode()).isEqualTo(401);
		assertThat(get(OPERATOR).statusCode()).isEqualTo(200);
	}

	@Test
	void aParkedDeliveryShowsItsWebhookIdAndReasonAndCanBeQueuedAgain() throws Exception {
		String shop = "inbox-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		String event = "broken-" + UUID.randomUUID();
		String webhookId = UUID.randomUUID().toString();
		new Webhooks(this.port).deliverWithWebhookId(webhookId, "orders/create", shop, event, "{not json");
		await().atMost(Duration.ofSeconds(10)).until(() -> "PARKED".equals(status(event)));

		HttpResponse<String> page = get(OPERATOR);
		assertThat(page.body()).contains(shop).contains(webhookId).contains("the body is not JSON").contains("Retry");

		Matcher form = Pattern.compile("action=\"/operator/webhooks/(\\d+)/retry\">\\s*<input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"")
			.matcher(page.body());
		assertThat(form.find()).as("a retry form with its CSRF token").isTrue();
		HttpResponse<String> retried = this.http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/operator/webhooks/" + form.group(1) + "/retry"))
			.header("Authorization", OPERATOR)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + form.group(2)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(retried.statusCode()).isEqualTo(302);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "PARKED".equals(status(event)) && attempts(event) == 1 && processedAgain(event));
	}

	private HttpResponse<String> get(String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/operator/webhooks"));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String status(String event) {
		return this.jdbc.sql("select status from webhook_inbox where event_id = :event").param("event", event)
			.query(String.class).single();
	}

	private int attempts(String event) {
		return this.jdbc.sql("select attempts from webhook_inbox where event_id = :event").param("event", event)
			.query(Integer.class).single();
	}

	private boolean processedAgain(String event) {
		return this.jdbc.sql("select processed_at > received_at + interval '1 millisecond' from webhook_inbox where event_id = :event")
			.param("event", event).query(Boolean.class).single();
	}

}
