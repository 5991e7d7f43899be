package com.metricsdash.system;

import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings records end up in log lines and error reports whenever something prints them. */
@IntegrationTest
class SettingsTextTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	Environment environment;

	@Test
	void noSettingsRecordPrintsTheShopifySecretOrTheMasterKey() {
		String secret = this.environment.getRequiredProperty("metricsdash.shopify.api-secret");
		String masterKey = this.environment.getRequiredProperty("metricsdash.master-key");
		var settings = ConfigurationPropertiesBean.getAll(this.context).values();
		assertThat(settings).extracting((bean) -> bean.getInstance().getClass().getSimpleName())
			.contains("ShopifyProperties", "SimulatorProperties", "EncryptionProperties");
		assertThat(settings).allSatisfy((bean) -> assertThat(bean.getInstance().toString()).as(bean.getName())
			.doesNotContain(secret)
			.doesNotContain(masterKey));
	}

}
