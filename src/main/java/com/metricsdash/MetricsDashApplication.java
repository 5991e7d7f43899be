package com.metricsdash;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * MetricsDash: live sales figures and inventory alerts for Shopify stores. Each top-level package below this one is
 * a feature module; {@code ModularityTests} keeps their boundaries.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MetricsDashApplication {

	public static void main(String[] args) {
		SpringApplication.run(MetricsDashApplication.class, args);
	}

}
