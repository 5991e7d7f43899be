package com.metricsdash.security;

import java.util.Optional;
import java.util.UUID;

import com.metricsdash.shopify.ShopDomain;

/**
 * Which store a shop is installed as, asked of the stores module when a Shopify session token arrives. Security only
 * declares the question so that it need not depend on the stores module, which already depends on it to sign
 * merchants in.
 */
public interface InstalledShops {

	/** The owner of the store installed for {@code shop}; empty when the shop has not installed the app. */
	Optional<StoreOwner> owner(ShopDomain shop);

	/** The owner of the store with this id, while it is installed. */
	Optional<StoreOwner> owner(UUID storeId);

}
