package com.metricsdash.inventory;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.ShopifyWebhook;
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

	private final Stores stores;

	private final Catalog catalog;

	private final Clock clock;

	CatalogWebhooks(Stores stores, Catalog catalog, Clock clock) {
		this.stores = stores;
		this.catalog = catalog;
		this.clock = clock;
	}

	@EventListener(condition = "#webhook.topic() == 'products/create' or #webhook.topic() == 'products/update'")
	void productChanged(ShopifyWebhook webhook) {
		apply(webhook, (store) -> this.catalog.applyProduct(store, CatalogPayloads.productFromWebhook(webhook.payload())));
	}

	/** The body carries the id alone; the delivery's trigger time stands for when the product was deleted. */
	@EventListener(condition = "#webhook.topic() == 'products/delete'")
	void productDeleted(ShopifyWebhook webhook) {
		apply(webhook, (store) -> this.catalog.deleteProduct(store, CatalogPayloads.deletedProductId(webhook.payload()),
				(webhook.triggeredAt() != null) ? webhook.triggeredAt() : this.clock.instant()));
	}

	@EventListener(condition = "#webhook.topic() == 'inventory_items/create' or #webhook.topic() == 'inventory_items/update'")
	void inventoryItemChanged(ShopifyWebhook webhook) {
		apply(webhook, (store) -> this.catalog.applyInventoryItems(store,
				List.of(CatalogPayloads.inventoryItemFromWebhook(webhook.payload()))));
	}

	@EventListener(condition = "#webhook.topic() == 'inventory_levels/update'")
	void levelChanged(ShopifyWebhook webhook) {
		apply(webhook, (store) -> this.catalog.applyLevel(store,
				CatalogPayloads.levelFromWebhook(webhook.payload(), webhook.triggeredAt())));
	}

	private void apply(ShopifyWebhook webhook, Consumer<StoreRef> action) {
		this.stores.installed(webhook.shop())
			.ifPresentOrElse(action, () -> logger.debug("{} from {} ignored: the shop is not installed",
					webhook.topic(), webhook.shop()));
	}

}
