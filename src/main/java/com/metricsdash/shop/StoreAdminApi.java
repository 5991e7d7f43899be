package com.metricsdash.shop;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

import com.metricsdash.shopify.AdminApi;
import com.metricsdash.shopify.AdminApiException;
import com.metricsdash.shopify.AdminDocument;
import com.metricsdash.shopify.Pagination;

import org.springframework.stereotype.Service;

/**
 * A store's Admin API, as other modules use it: by store id, with the token looked up, refreshed when due, and
 * refreshed once more if Shopify refuses it mid-flight.
 */
@Service
public class StoreAdminApi {

	private final StoreRepository stores;

	private final AccessTokens tokens;

	private final AdminApi api;

	StoreAdminApi(StoreRepository stores, AccessTokens tokens, AdminApi api) {
		this.stores = stores;
		this.tokens = tokens;
		this.api = api;
	}

	/**
	 * Walks a cursor-paginated connection of the store to its end, handing every node to {@code nodes}.
	 * @param variables the document's variables but {@code after}, which is set per page
	 * @param connection the field of {@code data} that holds the connection
	 */
	public void forEachNode(UUID storeId, AdminDocument document, Map<String, Object> variables, String connection,
			Consumer<JsonNode> nodes) {
		Pagination.forEachNode((after) -> {
			Map<String, Object> page = new LinkedHashMap<>(variables);
			page.put("after", after);
			return execute(storeId, document, page).path(connection);
		}, nodes);
	}

	/**
	 * Runs a document for the store and returns its {@code data}.
	 * @throws ReconnectRequiredException when the store's credentials are gone for good
	 * @throws AdminApiException when Shopify answers with errors
	 */
	public JsonNode execute(UUID storeId, AdminDocument document, Map<String, Object> variables) {
		Store store = this.stores.findById(storeId)
			.filter((found) -> found.status() == StoreStatus.INSTALLED)
			.orElseThrow(() -> new IllegalStateException("Store " + storeId + " is not installed"));
		String token = this.tokens.accessToken(storeId, store.shop(), null);
		try {
			return this.api.execute(store.shop(), token, document, variables);
		}
		catch (AdminApiException ex) {
			if (!ex.unauthorized()) {
				throw ex;
			}
			return this.api.execute(store.shop(), this.tokens.accessToken(storeId, store.shop(), token), document,
					variables);
		}
	}

}
