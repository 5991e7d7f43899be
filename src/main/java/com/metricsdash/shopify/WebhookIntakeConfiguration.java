package com.metricsdash.shopify;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts the webhook intake ({@link WebhookIntake}) in front of every other filter, on its one address: its requests
 * go no further, and no other request meets it.
 */
@Configuration(proxyBeanMethods = false)
class WebhookIntakeConfiguration {

	@Bean
	FilterRegistrationBean<WebhookIntake> webhookIntakeFilter(WebhookIntake intake) {
		FilterRegistrationBean<WebhookIntake> registration = new FilterRegistrationBean<>(intake);
		registration.addUrlPatterns(WebhookIntake.PATH);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
