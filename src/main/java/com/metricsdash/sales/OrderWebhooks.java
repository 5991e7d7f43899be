package com.metricsdash.sales;

import java.util.List;

import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.ShopifyWebhook;
import com.metricsdash.shopify.ShopifyWebhooks;
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

	/**
	 * Applies a run's orders together ({@link OrderLedger#applyAll}: each touched hour recomputed once, one
	 * {@link SalesChanged}), then its refunds.
	 */
	@EventListener
	void apply(ShopifyWebhooks webhooks) {
		List<ShopifyWebhook> orders = webhooks.of("orders/create", "orders/updated", "orders/cancelled");
		List<ShopifyWebhook> refunds = webhooks.of("refunds/create");
		if (orders.isEmpty() && refunds.isEmpty()) {
			return;
		}
		this.stores.installed(webhooks.shop()).ifPresentOrElse((store) -> {
			this.ledger.applyAll(store,
					orders.stream().map((webhook) -> OrderPayloads.fromWebhook(webhook.payload())).toList());
			refunds.forEach((webhook) -> this.ledger.applyRefund(store,
					OrderPayloads.refundFromWebhook(webhook.payload())));
		}, () -> logger.debug("{} order and {} refund deliveries from {} ignored: the shop is not installed",
				orders.size(), refunds.size(), webhooks.shop()));
	}

}
