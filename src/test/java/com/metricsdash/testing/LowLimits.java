package com.metricsdash.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * The whole application ({@link IntegrationTest}) with every limit low enough for a test to reach: one context for
 * every test class of the limits, which share it. A test counts against subjects of its own (a client address, a
 * token, a shop, a store), since the counters live in the Redis that every test context shares; nothing in this
 * context installs through {@code /auth} from 127.0.0.1, whose counter the other tests' installs keep high. As in
 * {@code prod}, the client's address is taken from {@code X-Forwarded-For}, which a proxy in front of the app sets.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@TestPropertySource(properties = { "metricsdash.limits.auth-per-client=3", "metricsdash.limits.api-per-token=3",
		"metricsdash.limits.webhooks-per-shop=3", "metricsdash.limits.handshakes-per-store=6",
		"metricsdash.live.sockets-per-store=3", "metricsdash.live.sockets-per-instance=4",
		"server.forward-headers-strategy=framework" })
public @interface LowLimits {

}
