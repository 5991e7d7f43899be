/**
 * The local stack behind the {@code local} profile: an embedded PostgreSQL whose data survives restarts, an embedded
 * Redis, an SMTP server whose captured mail a local page lists, and a master key kept beside the data. Nothing here is
 * active in {@code prod}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Local stack")
package com.metricsdash.local;
