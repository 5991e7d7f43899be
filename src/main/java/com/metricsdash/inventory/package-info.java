/**
 * The shop's catalogue and stock as Shopify holds them: products, variants and their inventory items, locations, and
 * inventory levels with a history of every change of the available quantity, from which sales velocity and stockout
 * predictions are computed. Fed by webhooks here and by the initial sync and reconciliation through
 * {@link com.metricsdash.inventory.Catalog}; read through {@link com.metricsdash.inventory.StockLevels}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inventory")
package com.metricsdash.inventory;
