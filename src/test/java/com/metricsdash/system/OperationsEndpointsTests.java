package com.metricsdash.system;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class OperationsEndpointsTests {

	private static final String OPERATOR = "Basic "
			+ Base64.getEncoder().encodeToString("operator:operator".getBytes(StandardCharsets.UTF_8));

	@Autowired
	RestTestClient client;

	@Autowired
	ApplicationContext context;

	@LocalServerPort
	int port;

	@Test
	void anyoneSeesWhetherTheAppIsUpButNotItsComponents() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components")
			.doesNotExist();
	}

	@Test
	void theOperatorSeesTheHealthOfTheDatabaseAndRedis() {
		this.client.get()
			.uri("/actuator/health")
			.header(HttpHeaders.AUTHORIZATION, OPERATOR)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.db.status")
			.isEqualTo("UP")
			.jsonPath("$.components.redis.status")
			.isEqualTo("UP");
	}

	@Test
	void livenessAndReadinessProbesNeedNoCredentials() {
		this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
	}

	@Test
	void metricsAndComponentHealthNeedTheOperator() {
		this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Basic.*");
		this.client.get().uri("/actuator/health/db").exchange().expectStatus().isUnauthorized();
		this.client.get().uri("/actuator").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void prometheusExposesJvmAndConnectionPoolMetricsToTheOperator() {
		this.client.get()
			.uri("/actuator/prometheus")
			.header(HttpHeaders.AUTHORIZATION, OPERATOR)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("jvm_memory_used_bytes").contains("hikaricp_connections"));
	}

	@Test
	void callsToShopsAreCountedWithoutTheShopTheyWentTo() {
		new Merchant(this.port).install(new SimulatorFixture(this.context).newShop("metrics"));

		String metrics = this.client.get()
			.uri("/actuator/prometheus")
			.header(HttpHeaders.AUTHORIZATION, OPERATOR)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		assertThat(metrics.lines().filter((line) -> line.startsWith("http_client_requests_seconds_count")))
			.as("the install's calls to the shop")
			.isNotEmpty()
			.allSatisfy((line) -> assertThat(line).contains("client_name=\"none\"").doesNotContain(".myshopify.com"));
	}

}
