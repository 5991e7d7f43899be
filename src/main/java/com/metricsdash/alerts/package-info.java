/**
 * Inventory alerts (FR-3): low stock, predicted stockout and reorder point, per tracked variant, from its stock summed
 * over locations and its sales velocity over the shop's last local days. Evaluated within a second of every stock or
 * order change for what changed, and by a periodic sweep for what time changes; each alert fires once, resolves
 * itself when its condition has cleared by a margin, and can be acknowledged. Read through the JSON API and pushed
 * over the store's live socket. {@link com.metricsdash.alerts.AlertEvaluation} decides, by the store's defaults and
 * each variant's own settings, which the settings page's alert section and the API change (FR-4).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inventory alerts")
package com.metricsdash.alerts;
