package com.metricsdash.system;

import org.springframework.boot.autoconfigure.condition.ConditionalOnJava;
import org.springframework.boot.system.JavaVersion;
import org.springframework.boot.tomcat.autoconfigure.TomcatVirtualThreadsWebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * On Java 24 or later, Tomcat runs each request and each WebSocket message on a virtual thread of its own rather
 * than on one of its 200 platform threads. Under load those threads were runnable all at once, competing for two
 * cores with the webhook workers, the render threads, Lettuce's event loop and PostgreSQL (Redis commands timed out
 * after 2 s at the start of a paced ingest); virtual threads share one carrier per core. The ingest benchmark's paced
 * scenarios on Java 25 with and without them are in the README (2026-12-07). From 24 on, a virtual thread blocking
 * inside {@code synchronized} (Lettuce, Hikari, Tomcat) no longer holds its carrier (JEP 491); on 21 to 23 it could
 * stall both carriers, hence the floor.
 * <p>
 * Only the request threads: {@code spring.threads.virtual.enabled} would also move every {@code @Scheduled} job to a
 * thread-per-task scheduler, whose fixed-rate jobs may overlap and whose fixed-delay jobs all share one thread.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnJava(JavaVersion.TWENTY_FOUR)
class VirtualRequestThreads {

	@Bean
	TomcatVirtualThreadsWebServerFactoryCustomizer tomcatVirtualThreads() {
		return new TomcatVirtualThreadsWebServerFactoryCustomizer();
	}

}
