package com.metricsdash.system;

import java.util.concurrent.Executor;

import com.metricsdash.testing.IntegrationTest;
import org.apache.tomcat.util.threads.VirtualThreadExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Tomcat runs requests on virtual threads on a JVM that lets it without pinning their carriers: 24 and later. */
@IntegrationTest
class VirtualRequestThreadsTests {

	@Autowired
	ServletWebServerApplicationContext context;

	@Test
	void requestsRunOnVirtualThreadsFromJava24On() {
		Executor requests = ((TomcatWebServer) this.context.getWebServer()).getTomcat()
			.getConnector()
			.getProtocolHandler()
			.getExecutor();
		int java = Runtime.version().feature();

		assertThat(requests instanceof VirtualThreadExecutor).as("virtual request threads on Java " + java)
			.isEqualTo(java >= 24);
	}

}
