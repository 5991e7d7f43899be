/**
 * Sales: the orders, line items and refunds of each store as Shopify last reported them, and the hourly sales
 * rollups kept current with every change, so that every figure the dashboard shows reads a few rows whatever a
 * store's size. Webhooks, the initial sync and reconciliation all write through
 * {@link com.metricsdash.sales.OrderLedger}; the dashboard reads through {@link com.metricsdash.sales.SalesTotals}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sales")
package com.metricsdash.sales;
