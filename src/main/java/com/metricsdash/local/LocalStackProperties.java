package com.metricsdash.local;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the local stack keeps its data.
 *
 * @param dataDir the folder for the PostgreSQL data and the master key, relative to the working directory
 * @param keepData whether PostgreSQL keeps its data across starts ({@code false} gives every test run a fresh one)
 */
@ConfigurationProperties("metricsdash.local")
record LocalStackProperties(@DefaultValue(".data") Path dataDir, @DefaultValue("true") boolean keepData) {
}
