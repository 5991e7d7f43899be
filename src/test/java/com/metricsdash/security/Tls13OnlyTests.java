package com.metricsdash.security;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tomcat as {@code prod} runs it when it terminates TLS itself: a certificate from a Spring SSL bundle (a self-signed
 * one made here with the JDK's keytool), and the connector customised by {@link Tls13Only}.
 */
class Tls13OnlyTests {

	private static final char[] PASSWORD = "changeit".toCharArray();

	private KeyStore keyStore;

	private WebServer server;

	@BeforeEach
	void startTomcatWithACertificate(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("server.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
				"-validity", "1", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass",
				new String(PASSWORD))
			.redirectErrorStream(true)
			.start();
		assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
		this.keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			this.keyStore.load(in, PASSWORD);
		}
		Ssl ssl = new Ssl();
		ssl.setBundle("web");
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
		factory.setSsl(ssl);
		factory.setSslBundles(
				new DefaultSslBundleRegistry("web", SslBundle.of(SslStoreBundle.of(this.keyStore, new String(PASSWORD), null))));
		factory.addConnectorCustomizers(new Tls13Only());
		this.server = factory.getWebServer();
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void aTls12HandshakeIsRefused() {
		assertThatThrownBy(() -> handshake("TLSv1.2")).isInstanceOf(SSLHandshakeException.class);
	}

	@Test
	void aTls13HandshakeSucceeds() throws Exception {
		assertThat(handshake("TLSv1.3")).isEqualTo("TLSv1.3");
	}

	@Test
	void onlyProdRestrictsTheProtocols() {
		ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Tls13Only.class);
		runner.withPropertyValues("spring.profiles.active=prod")
			.run((context) -> assertThat(context).hasSingleBean(Tls13Only.class));
		runner.withPropertyValues("spring.profiles.active=local")
			.run((context) -> assertThat(context).doesNotHaveBean(Tls13Only.class));
	}

	/** Handshakes with the server offering only {@code protocol}, and returns the protocol agreed. */
	private String handshake(String protocol) throws Exception {
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(this.keyStore);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", this.server.getPort())) {
			socket.setEnabledProtocols(new String[] { protocol });
			socket.startHandshake();
			return socket.getSession().getProtocol();
		}
	}

}
