package com.metricsdash.local;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Plugs the local stack into Spring Boot's own auto-configuration through its connection-details beans, so the
 * DataSource, Flyway, Redis, Spring Session and mail are configured exactly as in production.
 */
@Configuration(proxyBeanMethods = false)
@Profile("local")
class LocalStackConfiguration {

	@Bean
	LocalStack localStack(LocalStackProperties properties) {
		return LocalStack.start(properties);
	}

	@Bean
	LocalNetwork localNetwork(LocalStackProperties properties) {
		return new LocalNetwork(properties);
	}

	@Bean
	JdbcConnectionDetails localPostgres(LocalStack stack) {
		return new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return LocalStack.USER;
			}

			@Override
			public String getPassword() {
				return "";
			}

			@Override
			public String getJdbcUrl() {
				return stack.jdbcUrl();
			}

		};
	}

	@Bean
	DataRedisConnectionDetails localRedis(LocalStack stack) {
		return new DataRedisConnectionDetails() {

			@Override
			public Standalone getStandalone() {
				return Standalone.of(LocalStack.HOST, stack.redisPort());
			}

		};
	}

	/**
	 * Spring Boot has no connection details for mail, so the captured-mail server's address goes into its
	 * properties ({@code spring.mail.host} is set in the local profile, which is what enables the mail sender).
	 */
	@Bean
	static BeanPostProcessor localSmtp(ObjectProvider<LocalStack> stack) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof MailProperties mail) {
					mail.setHost(LocalStack.HOST);
					mail.setPort(stack.getObject().smtpPort());
				}
				return bean;
			}

		};
	}

}
