package com.metricsdash.shop;

/** Whether the app can act for a store. */
public enum StoreStatus {

	/** Installed with working credentials. */
	INSTALLED,

	/** Shopify refused to refresh the credentials: the owner must reconnect. */
	RECONNECT_REQUIRED,

	/** The shop removed the app; its credentials are destroyed. */
	UNINSTALLED

}
