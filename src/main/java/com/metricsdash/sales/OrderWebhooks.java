package com.metricsdash.sales;

import java.util.Optional;

import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.ShopifyWebhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Applies the order and refund webhooks of installed stores to the ledger, inside the inbox worker's transaction; a
 * delivery for a shop that is not (or no longer) installed is dropped, as there is nowhere to put it.
 */
@Component
class OrderWebhooks {

	private static final Logger logger = LoggerFactory.getLogger(OrderWebhooks.class);

	private final Stores stores;

	private final OrderLedger ledger;

	OrderWebhooks(Stores stores, OrderLedger ledger) {
		this.stores = stores;
		this.ledger = ledger;
	}

	@EventListener(condition = "#webhook.topic() == 'orders/create' or #webhook.topic() == 'orders/updated'"
			+ " or #webhook.topic() == 'orders/cancelled'")
	void order(ShopifyWebhook webhook) {
		store(webhook).ifPresent((store) -> this.ledger.apply(store, OrderPayloads.fromWebhook(webhook.payload())));
	}

	@EventListener(condition = "#webhook.topic() == 'refunds/create'")
	void refund(ShopifyWebhook webhook) {
		store(webhook)
			.ifPresent((store) -> this.ledger.applyRefund(store, OrderPayloads.refundFromWebhook(webhook.payload())));
	}

	private Optional<StoreRef> store(ShopifyWebhook webhook) {
		Optional<StoreRef> store = this.stores.installed(webhook.shop());
		if (store.isEmpty()) {
			logger.debug("{} {} from {} ignored: the shop is not installed", webhook.topic(), webhook.webhookId(),
					webhook.shop());
		}
		return store;
	}

}
