package com.metricsdash.local;

import java.net.InetAddress;
import java.nio.file.Path;

import com.metricsdash.testing.IntegrationTest;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LocalNetworkTests {

	@Autowired
	ServletWebServerApplicationContext context;

	@Test
	void theLocalProfileListensOnTheLoopbackInterfaceOnly() {
		Connector connector = ((TomcatWebServer) this.context.getWebServer()).getTomcat().getConnector();
		assertThat(connector.getProperty("address")).isEqualTo(InetAddress.getLoopbackAddress());
	}

	@Test
	void openingItToTheNetworkLeavesTheAddressAloneAndWarnsWhatThatExposes(CapturedOutput output) {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
		new LocalNetwork(new LocalStackProperties(Path.of(".data"), true, true)).customize(factory);
		assertThat(factory.getAddress()).isNull();
		assertThat(output).contains("metricsdash.local.open-to-network is on")
			.contains("operator:operator")
			.contains("/simulator");
	}

	@Test
	void aServerAddressAloneDoesNotOpenIt() throws Exception {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
		factory.setAddress(InetAddress.getByName("0.0.0.0"));
		new LocalNetwork(new LocalStackProperties(Path.of(".data"), true, false)).customize(factory);
		assertThat(factory.getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
	}

}
