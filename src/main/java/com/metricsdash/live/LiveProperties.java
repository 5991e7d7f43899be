package com.metricsdash.live;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How much a slow socket may hold up before it is dropped, so that it never costs the other sockets anything; its
 * page reconnects and catches up on fresh fragments. Every resource the sockets take on an instance is bounded:
 * sockets per store, sender threads, the stores' sockets waiting for one, and what may queue up for each socket.
 *
 * @param sendTimeLimit how long one send to a socket may take before the socket is closed
 * @param bufferSizeLimit how much may queue up for a socket while a send to it is in progress before it is closed
 * @param channel the Redis pub/sub channel that carries every change to every instance
 * @param socketsPerStore how many sockets of one store may be open on this instance; more are refused at the
 * handshake (429), and such a page polls instead
 * @param socketsPerInstance how many sockets may be open on this instance altogether; more are refused at the handshake
 * (503 with {@code Retry-After}), so that sockets never hold every connection the web server takes
 * ({@code server.tomcat.max-connections}, 8,192 by default) and pages, API calls and webhook deliveries still get in
 * @param senderThreads how many threads send to this instance's sockets, i.e. how many sockets may be sent to at once
 * @param senderQueue how many sockets with frames to send may wait for a sender thread; one that finds no room is
 * closed (1013), and its page reconnects and catches up
 */
@ConfigurationProperties("metricsdash.live")
@Validated
record LiveProperties(@NotNull @DefaultValue("5s") Duration sendTimeLimit,
		@NotNull @DefaultValue("512KB") DataSize bufferSizeLimit, @NotBlank @DefaultValue("metricsdash:live") String channel,
		@Positive @DefaultValue("100") int socketsPerStore, @Positive @DefaultValue("6000") int socketsPerInstance,
		@Positive @DefaultValue("32") int senderThreads,
		@Positive @DefaultValue("10000") int senderQueue) {
}
