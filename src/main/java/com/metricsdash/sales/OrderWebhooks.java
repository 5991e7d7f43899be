package com.metricsdash.sales;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
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

	private static final String REFUNDS = "refunds/create";

	private static final String[] ORDER_TOPICS = { "orders/create", "orders/updated", "orders/cancelled", REFUNDS };

	private static final Logger logger = LoggerFactory.getLogger(OrderWebhooks.class);

	private final Stores stores;

	private final OrderLedger ledger;

	OrderWebhooks(Stores stores, OrderLedger ledger) {
		this.stores = stores;
		this.ledger = ledger;
	}

	/**
	 * Applies the orders of every shop in the deliveries together ({@link OrderLedger#applyAll}: one statement per kind
	 * of row, each touched hour recomputed once, one {@link SalesChanged} per store), then their refunds.
	 */
	@EventListener
	void apply(ShopifyWebhooks webhooks) {
		Map<StoreRef, List<OrderSnapshot>> orders = new LinkedHashMap<>();
		Map<StoreRef, List<RefundSnapshot>> refunds = new LinkedHashMap<>();
		webhooks.byShop(ORDER_TOPICS).forEach((shop, deliveries) -> this.stores.installed(shop)
			.ifPresentOrElse((store) -> deliveries.forEach((webhook) -> {
				if (webhook.topic().equals(REFUNDS)) {
					refunds.computeIfAbsent(store, (key) -> new ArrayList<>())
						.add(OrderPayloads.refundFromWebhook(webhook.payload()));
				}
				else {
					orders.computeIfAbsent(store, (key) -> new ArrayList<>())
						.add(OrderPayloads.fromWebhook(webhook.payload()));
				}
			}), () -> logger.debug("{} order and refund deliveries from {} ignored: the shop is not installed",
					deliveries.size(), shop)));
		this.ledger.applyAll(orders);
		refunds.forEach((store, refundsOfStore) -> refundsOfStore
			.forEach((refund) -> this.ledger.applyRefund(store, refund)));
	}

}
