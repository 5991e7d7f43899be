/**
 * Dashboard: today's orders, revenue, average order value and conversion against a comparison day, each over the
 * same span of the day, in the shop's own timezone. Figures are read from the hourly sales rollups plus the minutes
 * of the current hour, so a dashboard costs the same whatever a store's size.
 * {@link com.metricsdash.dashboard.DashboardFigures} computes them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dashboard")
package com.metricsdash.dashboard;
