package com.metricsdash.local;

import java.net.InetAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Keeps the {@code local} profile, which {@code java -jar} runs when no profile is named, on 127.0.0.1: it trusts
 * whoever reaches it (a secret everyone knows, operator:operator, the simulator, the captured mail). Only
 * {@code metricsdash.local.open-to-network} opens it to the network, and then a warning says what that exposes. It
 * runs after Boot's own customizer, so a {@code server.address} alone does not open it.
 */
class LocalNetwork implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

	private static final Logger logger = LoggerFactory.getLogger(LocalNetwork.class);

	private final boolean openToNetwork;

	LocalNetwork(LocalStackProperties properties) {
		this.openToNetwork = properties.openToNetwork();
	}

	@Override
	public void customize(ConfigurableWebServerFactory factory) {
		if (!this.openToNetwork) {
			factory.setAddress(InetAddress.getLoopbackAddress());
			return;
		}
		logger.warn("metricsdash.local.open-to-network is on: the local profile listens beyond 127.0.0.1, and anyone "
				+ "who reaches it can forge session tokens and webhooks with the public local secret, sign in to "
				+ "/operator as operator:operator, and use /simulator and /local/mail. Run the prod profile for "
				+ "anything shared.");
	}

}
