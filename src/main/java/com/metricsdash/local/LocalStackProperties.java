package com.metricsdash.local;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the local stack keeps its data.
 *
 * @param dataDir the folder for the PostgreSQL data and the master key, relative to the working directory
 * @param keepData whether PostgreSQL keeps its data across starts ({@code false} gives every test run a fresh one)
 * @param openToNetwork whether the app listens on every network interface instead of 127.0.0.1 only
 * ({@code METRICSDASH_LOCAL_OPEN_TO_NETWORK}); whoever reaches it can then forge tokens and webhooks with the public
 * local secret, sign in as operator:operator and use the simulator and the captured mail
 */
@ConfigurationProperties("metricsdash.local")
record LocalStackProperties(@DefaultValue(".data") Path dataDir, @DefaultValue("true") boolean keepData,
		@DefaultValue("false") boolean openToNetwork) {
}
