package com.metricsdash.inventory;

import java.time.Clock;
import java.util.List;

import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.shopify.ShopifyWebhook;
import com.metricsdash.shopify.ShopifyWebhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Applies the catalogue and stock webhooks as they are drained from the inbox. Every delivery may come twice, late or
 * out of order; {@link Catalog} makes that harmless. A shop that is not installed (any more) is ignored.
 */
@Component
class CatalogWebhooks {

	private static final Logger logger = LoggerFactory.getLogger(CatalogWebhooks.class);

	private static final String[] TOPICS = { "products/create", "products/update", "products/delete",
			"inventory_items/create", "inventory_items/update", "inventory_levels/update" };

	private final Stores stores;

	private final Catalog catalog;

	private final Clock clock;

	CatalogWebhooks(Stores stores, Catalog catalog, Clock clock) {
		this.stores = stores;
		this.catalog = catalog;
		this.clock = clock;
	}

	/**
	 * Applies each shop's products, deleted products, inventory items and levels, each kind together. A deleted
	 * product's body carries its id alone; the delivery's trigger time stands for when it was deleted.
	 */
	@EventListener
	void apply(ShopifyWebhooks webhooks) {
		webhooks.byShop(TOPICS).forEach((shop, deliveries) -> apply(shop, new ShopifyWebhooks(deliveries)));
	}

	private void apply(ShopDomain shop, ShopifyWebhooks webhooks) {
		List<ShopifyWebhook> products = webhooks.of("products/create", "products/update");
		List<ShopifyWebhook> deleted = webhooks.of("products/delete");
		List<ShopifyWebhook> items = webhooks.of("inventory_items/create", "inventory_items/update");
		List<ShopifyWebhook> levels = webhooks.of("inventory_levels/update");
		this.stores.installed(shop).ifPresentOrElse((store) -> {
			this.catalog.applyProducts(store,
					products.stream().map((webhook) -> CatalogPayloads.productFromWebhook(webhook.payload())).toList());
			deleted.forEach((webhook) -> this.catalog.deleteProduct(store,
					CatalogPayloads.deletedProductId(webhook.payload()),
					(webhook.triggeredAt() != null) ? webhook.triggeredAt() : this.clock.instant()));
			this.catalog.applyInventoryItems(store, items.stream()
				.map((webhook) -> CatalogPayloads.inventoryItemFromWebhook(webhook.payload()))
				.toList());
			this.catalog.applyLevels(store, levels.stream()
				.map((webhook) -> CatalogPayloads.levelFromWebhook(webhook.payload(), webhook.triggeredAt()))
				.toList());
		}, () -> logger.debug("{} catalogue deliveries from {} ignored: the shop is not installed",
				webhooks.deliveries().size(), shop));
	}

}
