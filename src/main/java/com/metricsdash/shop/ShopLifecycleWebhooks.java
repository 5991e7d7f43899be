package com.metricsdash.shop;

import com.metricsdash.shopify.ShopifyWebhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The webhooks about a shop's relationship with the app: {@code app/uninstalled}, and the mandatory compliance
 * topics. The store's rows hold no customer personal data, so the two customer topics have nothing to return or erase
 * here (the webhook inbox drops the payloads of a redacted customer's orders itself); {@code shop/redact} (48 hours
 * after uninstall) erases every row of the store, and the inbox its deliveries. The intake lets these topics through
 * only when their body names the shop their header does.
 */
@Component
class ShopLifecycleWebhooks {

	private static final Logger logger = LoggerFactory.getLogger(ShopLifecycleWebhooks.class);

	private final StoreInstallation installation;

	private final StoreRepository stores;

	ShopLifecycleWebhooks(StoreInstallation installation, StoreRepository stores) {
		this.installation = installation;
		this.stores = stores;
	}

	@EventListener(condition = "#webhook.topic() == 'app/uninstalled'")
	void uninstalled(ShopifyWebhook webhook) {
		this.installation.uninstall(webhook.shop(), webhook.triggeredAt());
	}

	@EventListener(condition = "#webhook.topic() == 'customers/data_request' or #webhook.topic() == 'customers/redact'")
	void customerRequest(ShopifyWebhook webhook) {
		logger.info("{} from {} acknowledged: the store's rows hold no customer personal data", webhook.topic(),
				webhook.shop());
	}

	@EventListener(condition = "#webhook.topic() == 'shop/redact'")
	void shopRedact(ShopifyWebhook webhook) {
		int deleted = this.stores.erase(webhook.shop().value());
		logger.info("shop/redact from {}: {} store erased with all its data", webhook.shop(), deleted);
	}

}
