package com.metricsdash.testing;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * How long the app itself takes over each API request, from its first filter in to its last filter out: the part of
 * a latency measured by a load generator that the app is answerable for, without the time a request waits for a
 * Tomcat thread, for the socket, or for the generator's own threads to be scheduled on the same cores. Recorded only
 * between {@link #start()} and {@link #stop()}. Test code only: the shipped app has no such filter.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ServerTimes {

	private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

	private volatile boolean recording;

	@Bean
	FilterRegistrationBean<Filter> serverTimesFilter() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(this::time);
		registration.addUrlPatterns("/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	private void time(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		long start = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (this.recording) {
				this.nanos.add(System.nanoTime() - start);
			}
		}
	}

	/** Forgets what was recorded, and records from now on. */
	public void start() {
		this.nanos.clear();
		this.recording = true;
	}

	/** Stops recording; the latencies recorded since {@link #start()}. */
	public Latencies stop() {
		this.recording = false;
		return Latencies.of(this.nanos.stream().mapToLong(Long::longValue).toArray(), 0, 0);
	}

}
