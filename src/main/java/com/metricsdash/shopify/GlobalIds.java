package com.metricsdash.shopify;

/** Shopify's GraphQL global ids, e.g. {@code gid://shopify/Order/123} or {@code …/InventoryLevel/1?inventory_item_id=2}. */
public final class GlobalIds {

	private static final String PREFIX = "gid://shopify/";

	private GlobalIds() {
	}

	/**
	 * The numeric id a global id ends in: 123 of {@code gid://shopify/Order/123}.
	 * @throws IllegalArgumentException when the text is not a Shopify global id
	 */
	public static long numeric(String gid) {
		if (gid == null || !gid.startsWith(PREFIX)) {
			throw new IllegalArgumentException("Not a Shopify global id: " + gid);
		}
		int query = gid.indexOf('?');
		String path = (query >= 0) ? gid.substring(0, query) : gid;
		try {
			return Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not a Shopify global id: " + gid, ex);
		}
	}

}
