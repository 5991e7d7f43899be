package com.metricsdash.shop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import com.metricsdash.security.ContentSecurityPolicy;
import com.metricsdash.shopify.IdTokens;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.shopify.ShopifyProperties;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * A store's pages as the Shopify admin opens them, in its iframe with an ID token: the shop's admin may frame the
 * page, App Bridge gets the app's key, and the store is remembered as one used embedded, so that links into the app
 * from outside it (a digest's) open inside the admin for that store.
 */
@Component
public class EmbeddedPages {

	/** How long a store counts as used embedded after the admin last opened one of its pages. */
	static final Duration EMBEDDED_USE = Duration.ofDays(30);

	private final StoreRepository stores;

	private final IdTokens idTokens;

	private final ShopifyProperties shopify;

	private final Clock clock;

	EmbeddedPages(StoreRepository stores, IdTokens idTokens, ShopifyProperties shopify, Clock clock) {
		this.stores = stores;
		this.idTokens = idTokens;
		this.shopify = shopify;
		this.clock = clock;
	}

	/** The installed store whose admin opened this page with a valid ID token, framed for that admin; else empty. */
	public Optional<Store> open(String idToken, HttpServletRequest request, Model model) {
		return this.idTokens.verify(idToken)
			.flatMap((token) -> this.stores.findByShopifyDomain(token.shop().value()))
			.filter((store) -> store.status() == StoreStatus.INSTALLED)
			.map((store) -> show(store, request, model));
	}

	/** Whether the store's pages were opened inside the Shopify admin lately. */
	public boolean usedEmbedded(UUID storeId) {
		return this.stores.openedEmbeddedSince(storeId, this.clock.instant().minus(EMBEDDED_USE));
	}

	/**
	 * A page of the app as the shop's Shopify admin opens it, in its iframe: the admin loads the app's URL with
	 * {@code pathAndQuery} appended (e.g. {@code /alerts?alert=...}) and an ID token of its own.
	 */
	public String inAdmin(ShopDomain shop, String pathAndQuery) {
		return "https://admin.shopify.com/store/" + shop.handle() + "/apps/" + this.shopify.apiKey() + pathAndQuery;
	}

	/** Lets the store's admin frame the page, gives it App Bridge's key, and remembers the embedded use. */
	Store show(Store store, HttpServletRequest request, Model model) {
		ContentSecurityPolicy.frameableByAdminOf(store.shop(), request);
		model.addAttribute("store", store);
		model.addAttribute("shopifyApiKey", this.shopify.apiKey());
		Instant now = this.clock.instant();
		this.stores.markOpenedEmbedded(store.id(), now, now.minus(Duration.ofHours(1)));
		return store;
	}

}
