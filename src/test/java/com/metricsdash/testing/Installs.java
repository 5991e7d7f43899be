package com.metricsdash.testing;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.metricsdash.shop.Store;
import com.metricsdash.shop.Stores;
import com.metricsdash.shop.SyncStatus;
import com.metricsdash.shopify.ShopDomain;

import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
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

	/**
	 * Installs the shop through the app on one port and the simulator's consent page on another, as when the
	 * simulator runs in an instance of its own.
	 */
	public static void installAcross(int appPort, int shopifyPort, String shop) {
		Merchant merchant = new Merchant(appPort);
		URI authorize = URI.create(Merchant.location(merchant.get("/auth?shop=" + shop)));
		HttpResponse<String> approved = merchant.post("http://localhost:" + shopifyPort + authorize.getPath(),
				authorize.getRawQuery());
		HttpResponse<String> callback = merchant.get(Merchant.location(approved));
		assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
	}

	public static void awaitSync(ApplicationContext context, UUID storeId) {
		Stores stores = context.getBean(Stores.class);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> stores.store(storeId).map(Store::syncStatus).orElseThrow() == SyncStatus.COMPLETE);
	}

}
