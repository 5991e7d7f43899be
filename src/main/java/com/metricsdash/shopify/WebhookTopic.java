package com.metricsdash.shopify;

import java.util.Locale;

/** The webhook topics the app subscribes each shop to; compliance topics are configured app-wide instead. */
public enum WebhookTopic {

	ORDERS_CREATE, ORDERS_UPDATED, ORDERS_CANCELLED, REFUNDS_CREATE, PRODUCTS_CREATE, PRODUCTS_UPDATE,
	PRODUCTS_DELETE, INVENTORY_LEVELS_UPDATE, INVENTORY_ITEMS_CREATE, INVENTORY_ITEMS_UPDATE, APP_UNINSTALLED,
	BULK_OPERATIONS_FINISH;

	/** The topic as webhooks name it in {@code X-Shopify-Topic}, e.g. {@code orders/create}. */
	public String header() {
		String name = name().toLowerCase(Locale.ROOT);
		int split = name.lastIndexOf('_');
		return name.substring(0, split) + "/" + name.substring(split + 1);
	}

}
