package com.metricsdash.live;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How much a slow socket may hold up before it is dropped, so that it never costs the other sockets anything; its
 * page reconnects and catches up on fresh fragments.
 *
 * @param sendTimeLimit how long one send to a socket may take before the socket is closed
 * @param bufferSizeLimit how much may queue up for a socket while a send to it is in progress before it is closed
 * @param channel the Redis pub/sub channel that carries every change to every instance
 */
@ConfigurationProperties("metricsdash.live")
@Validated
record LiveProperties(@NotNull @DefaultValue("5s") Duration sendTimeLimit,
		@NotNull @DefaultValue("512KB") DataSize bufferSizeLimit, @NotBlank @DefaultValue("metricsdash:live") String channel) {
}
