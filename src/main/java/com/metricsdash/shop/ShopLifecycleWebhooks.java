package com.metricsdash.shop;

import com.metricsdash.shopify.ShopifyWebhook;
import com.metricsdash.shopify.ShopifyWebhooks;
import com.metricsdash.shopify.WebhookPayloadErasure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The webhooks about a shop's relationship with the app: {@code app/uninstalled}, and the mandatory compliance
 * topics. The store's rows hold no customer personal data, so the two customer topics have nothing to return or erase
 * here (the webhook inbox drops the payloads of a redacted customer's orders itself); {@code shop/redact} (48 hours
 * after uninstall) erases every row of a store no longer installed, and the inbox's deliveries of the shop. The
 * intake lets these topics through only when their body names the shop their header does.
 */
@Component
class ShopLifecycleWebhooks {

	private static final Logger logger = LoggerFactory.getLogger(ShopLifecycleWebhooks.class);

	private final StoreInstallation installation;

	private final StoreRepository stores;

	private final WebhookPayloadErasure inboxErasure;

	ShopLifecycleWebhooks(StoreInstallation installation, StoreRepository stores, WebhookPayloadErasure inboxErasure) {
		this.installation = installation;
		this.stores = stores;
		this.inboxErasure = inboxErasure;
	}

	@EventListener
	void uninstalled(ShopifyWebhooks webhooks) {
		webhooks.of("app/uninstalled")
			.forEach((webhook) -> this.installation.uninstall(webhook.shop(), webhook.triggeredAt()));
	}

	@EventListener
	void customerRequest(ShopifyWebhooks webhooks) {
		webhooks.of("customers/data_request", "customers/redact")
			.forEach((webhook) -> logger.info("{} from {} acknowledged: the store's rows hold no customer personal data",
					webhook.topic(), webhook.shop()));
	}

	/**
	 * Erases the shop, unless it has the app installed: Shopify sends {@code shop/redact} two days after an uninstall,
	 * so one that finds the store installed again is not about the data it now holds (erasing it would leave an
	 * installed store without a row), and a signed body of an earlier redact must not erase a store in use.
	 */
	@EventListener
	void shopRedact(ShopifyWebhooks webhooks) {
		webhooks.of("shop/redact").forEach(this::shopRedact);
	}

	private void shopRedact(ShopifyWebhook webhook) {
		if (this.stores.findByShopifyDomain(webhook.shop().value())
			.filter((store) -> store.status() != StoreStatus.UNINSTALLED)
			.isPresent()) {
			logger.warn("shop/redact from {} ignored: the shop has the app installed", webhook.shop());
			return;
		}
		int deleted = this.stores.erase(webhook.shop().value());
		int deliveries = this.inboxErasure.eraseShop(webhook.shop());
		logger.info("shop/redact from {}: {} store erased with all its data, and {} webhook deliveries", webhook.shop(),
				deleted, deliveries);
	}

}
