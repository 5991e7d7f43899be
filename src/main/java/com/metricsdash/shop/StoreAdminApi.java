package com.metricsdash.shop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

import com.metricsdash.shopify.AdminApi;
import com.metricsdash.shopify.AdminApiException;
import com.metricsdash.shopify.AdminDocument;
import com.metricsdash.shopify.Pagination;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.shopify.WebhookSubscriptions;
import com.metricsdash.shopify.WebhookTopic;
import com.metricsdash.system.AppProperties;

import org.springframework.stereotype.Service;

/**
 * A store's Admin API, as other modules use it: by store id, with the token looked up, refreshed when due, and
 * refreshed once more if Shopify refuses it mid-flight.
 */
@Service
public class StoreAdminApi {

	/** Where Shopify delivers the app's webhooks, below the app's URL. */
	static final String WEBHOOK_PATH = "/webhooks/shopify";

	private final StoreRepository stores;

	private final AccessTokens tokens;

	private final AdminApi api;

	private final WebhookSubscriptions webhooks;

	private final AppProperties app;

	StoreAdminApi(StoreRepository stores, AccessTokens tokens, AdminApi api, WebhookSubscriptions webhooks,
			AppProperties app) {
		this.stores = stores;
		this.tokens = tokens;
		this.api = api;
		this.webhooks = webhooks;
		this.app = app;
	}

	/**
	 * Walks a cursor-paginated connection of the store to its end, handing every node to {@code nodes}.
	 * @param variables the document's variables but {@code after}, which is set per page
	 * @param connection the field of {@code data} that holds the connection, or a dotted path to it, such as
	 * {@code order.lineItems} for a connection nested in an object
	 */
	public void forEachNode(UUID storeId, AdminDocument document, Map<String, Object> variables, String connection,
			Consumer<JsonNode> nodes) {
		Pagination.forEachNode((after) -> {
			Map<String, Object> page = new LinkedHashMap<>(variables);
			page.put("after", after);
			JsonNode found = execute(storeId, document, page);
			for (String field : connection.split("\\.")) {
				found = found.path(field);
			}
			return found;
		}, nodes);
	}

	/**
	 * Runs a document for the store and returns its {@code data}.
	 * @throws ReconnectRequiredException when the store's credentials are gone for good
	 * @throws AdminApiException when Shopify answers with errors
	 */
	public JsonNode execute(UUID storeId, AdminDocument document, Map<String, Object> variables) {
		return withToken(storeId, (shop, token) -> this.api.execute(shop, token, document, variables));
	}

	/**
	 * Subscribes the store again to every webhook topic it lost: Shopify deletes a subscription after 8 failed
	 * deliveries in a row. Returns the topics restored.
	 */
	public List<WebhookTopic> restoreWebhooks(UUID storeId) {
		return withToken(storeId, (shop, token) -> this.webhooks.ensure(shop, token, this.app.url(WEBHOOK_PATH)));
	}

	/**
	 * Calls Shopify with the store's token, once more with a refreshed one if Shopify refuses it. A store already
	 * waiting for its owner to reconnect is not tried again: Shopify refused its refresh token for good.
	 */
	private <T> T withToken(UUID storeId, BiFunction<ShopDomain, String, T> call) {
		Store store = this.stores.findById(storeId)
			.filter((found) -> found.status() != StoreStatus.UNINSTALLED)
			.orElseThrow(() -> new IllegalStateException("Store " + storeId + " is not installed"));
		if (store.status() == StoreStatus.RECONNECT_REQUIRED) {
			throw new ReconnectRequiredException(store.shop());
		}
		String token = this.tokens.accessToken(storeId, store.shop(), null);
		try {
			return call.apply(store.shop(), token);
		}
		catch (AdminApiException ex) {
			if (!ex.unauthorized()) {
				throw ex;
			}
			return call.apply(store.shop(), this.tokens.accessToken(storeId, store.shop(), token));
		}
	}

}
