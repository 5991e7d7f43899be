package com.metricsdash.shop;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import com.metricsdash.security.ApiTokens;
import com.metricsdash.shopify.AdminApi;
import com.metricsdash.shopify.AdminDocument;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.shopify.TokenGrant;
import com.metricsdash.shopify.WebhookSubscriptions;
import com.metricsdash.system.AppProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Installs and uninstalls stores. Installing stores the store and its sealed credentials first, then reads the shop
 * (timezone, currency), subscribes its webhooks and announces {@link StoreInstalled}; every step may be repeated, so
 * a failed install is finished by simply installing again.
 */
@Service
public class StoreInstallation {

	private static final Logger logger = LoggerFactory.getLogger(StoreInstallation.class);

	private final StoreRepository stores;

	private final StoreCredentials credentials;

	private final AdminApi api;

	private final WebhookSubscriptions webhooks;

	private final AppProperties app;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final ApiTokens apiTokens;

	StoreInstallation(StoreRepository stores, StoreCredentials credentials, AdminApi api,
			WebhookSubscriptions webhooks, AppProperties app, ApplicationEventPublisher events,
			TransactionTemplate transactions, ApiTokens apiTokens) {
		this.stores = stores;
		this.credentials = credentials;
		this.api = api;
		this.webhooks = webhooks;
		this.app = app;
		this.events = events;
		this.transactions = transactions;
		this.apiTokens = apiTokens;
	}

	/** Installs the shop with the credentials Shopify granted, and returns the store's id. */
	public UUID install(ShopDomain shop, TokenGrant grant) {
		UUID storeId = this.transactions.execute((status) -> {
			UUID id = this.stores.install(shop.value());
			this.credentials.save(id, grant);
			return id;
		});
		JsonNode info = this.api.execute(shop, grant.accessToken(), AdminDocument.SHOP, Map.of()).path("shop");
		var created = this.webhooks.ensure(shop, grant.accessToken(), this.app.url(StoreAdminApi.WEBHOOK_PATH));
		this.transactions.executeWithoutResult((status) -> {
			this.stores.updateShop(storeId, info.path("name").asString(null), info.path("ianaTimezone").asString(null),
					info.path("currencyCode").asString(null));
			this.events.publishEvent(new StoreInstalled(storeId, shop));
		});
		logger.info("Installed {} (store {}); subscribed {} new webhook topics", shop, storeId, created.size());
		return storeId;
	}

	/**
	 * The shop removed the app: its credentials and the API tokens issued for it are destroyed at once; a later
	 * install starts afresh. An uninstall
	 * that happened before the current install (Shopify delivers up to a day late, so after the merchant installed
	 * again) destroys nothing.
	 * @param at when Shopify says the uninstall happened ({@code X-Shopify-Triggered-At}), or {@code null} if unknown
	 */
	public void uninstall(ShopDomain shop, Instant at) {
		this.transactions.executeWithoutResult((status) -> this.stores.findByShopifyDomain(shop.value())
			.filter((store) -> store.status() != StoreStatus.UNINSTALLED)
			.filter((store) -> {
				boolean stale = at != null && at.isBefore(store.installedAt());
				if (stale) {
					logger.info("Uninstall of {} at {} ignored: the app was installed again at {}", shop, at,
							store.installedAt());
				}
				return !stale;
			})
			.ifPresent((store) -> {
				this.credentials.delete(store.id());
				this.apiTokens.revokeAll(store.id());
				this.stores.markUninstalled(store.id());
				this.events.publishEvent(new StoreUninstalled(store.id(), shop));
				logger.info("Uninstalled {} (store {}); its credentials are destroyed", shop, store.id());
			}));
	}

}
