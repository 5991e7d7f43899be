/**
 * A stand-in for Shopify that speaks its documented protocol (OAuth, the Admin GraphQL API with cost-based
 * throttling and bulk operations, signed webhooks), so the app's real client code runs unchanged against it in the
 * {@code local} profile and in tests. Active only when {@code metricsdash.simulator.enabled} is true; never in prod.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shopify simulator")
package com.metricsdash.simulator;
