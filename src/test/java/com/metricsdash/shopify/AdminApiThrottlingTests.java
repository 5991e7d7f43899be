package com.metricsdash.shopify;

import java.util.Map;

import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AdminApiThrottlingTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	AdminApi api;

	@Autowired
	ObjectMapper json;

	@Test
	void callsBeyondTheBucketWaitForItToRefillInsteadOfFailing() {
		SimulatorFixture simulator = new SimulatorFixture(this.context);
		String domain = simulator.newShop("throttle");
		simulator.throttle(domain, 3, 2);
		String token = simulator.accessToken(domain);

		for (int call = 0; call < 8; call++) {
			assertThat(this.api.execute(new ShopDomain(domain), token, AdminDocument.SHOP, Map.of())
				.path("shop")
				.path("myshopifyDomain")
				.asString()).isEqualTo(domain);
		}
	}

	@Test
	void theWaitIsWhatTheBucketNeedsToHoldTheQuery() {
		var throttled = this.json.readTree("""
				{"errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED"}}],
				 "extensions": {"cost": {"requestedQueryCost": 252, "actualQueryCost": null,
				   "throttleStatus": {"maximumAvailable": 2000, "currentlyAvailable": 52, "restoreRate": 100}}}}""");
		var fine = this.json.readTree("{\"data\": {}, \"extensions\": {\"cost\": {\"requestedQueryCost\": 1}}}");

		assertThat(AdminApi.throttleWait(throttled)).hasMillis(2000);
		assertThat(AdminApi.throttleWait(fine)).isNull();
	}

}
