package com.metricsdash.security;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * In {@code prod}, when the app terminates TLS itself ({@code server.ssl.bundle} naming a Spring SSL bundle with the
 * certificate), it offers TLS 1.3 only, whatever the bundle's own options say: TLS 1.2 still allows weak cipher
 * suites and renegotiation, and every browser Shopify supports speaks 1.3. Boot configures the connector's TLS
 * before it runs its customizers, so this has the last word. A bundle reloaded on a certificate change
 * ({@code reload-on-update}) is applied with its own options again: give it {@code options.enabled-protocols=TLSv1.3}
 * too when using that.
 */
@Component
@Profile("prod")
class Tls13Only implements TomcatConnectorCustomizer {

	@Override
	public void customize(Connector connector) {
		for (SSLHostConfig host : connector.findSslHostConfigs()) {
			host.setProtocols("TLSv1.3");
		}
	}

}
