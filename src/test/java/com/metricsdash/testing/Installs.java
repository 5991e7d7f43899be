package com.metricsdash.testing;

import java.time.Duration;
import java.util.UUID;

import com.metricsdash.shop.Store;
import com.metricsdash.shop.Stores;
import com.metricsdash.shop.SyncStatus;
import com.metricsdash.shopify.ShopDomain;

import org.springframework.context.ApplicationContext;

import static org.awaitility.Awaitility.await;

/** Installing a shop as a merchant would and waiting, as the merchant would, for its initial sync to finish. */
public final class Installs {

	private Installs() {
	}

	/** Installs the shop through {@code merchant} and returns its store id once the initial sync is complete. */
	public static UUID installAndSync(ApplicationContext context, Merchant merchant, String shop) {
		merchant.install(shop);
		Stores stores = context.getBean(Stores.class);
		UUID storeId = stores.installed(new ShopDomain(shop)).orElseThrow().id();
		awaitSync(context, storeId);
		return storeId;
	}

	public static void awaitSync(ApplicationContext context, UUID storeId) {
		Stores stores = context.getBean(Stores.class);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> stores.store(storeId).map(Store::syncStatus).orElseThrow() == SyncStatus.COMPLETE);
	}

}
