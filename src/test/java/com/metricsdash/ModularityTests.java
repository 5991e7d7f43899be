package com.metricsdash;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(MetricsDashApplication.class);

	@Test
	void everyFeaturePackageIsAModule() {
		assertThat(this.modules.stream().map(ApplicationModule::getName)).contains("system", "local");
	}

	@Test
	void modulesHaveNoCyclesAndUseOnlyEachOthersPublicApi() {
		this.modules.verify();
	}

}
