package com.metricsdash.shop;

import jakarta.servlet.http.HttpServletRequest;

import com.metricsdash.security.StoreOwner;
import com.metricsdash.shopify.IdToken;
import com.metricsdash.shopify.IdTokens;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.shopify.ShopifyOAuth;
import com.metricsdash.shopify.ShopifyOAuthException;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The app's front door. A signed-in owner sees their store; the Shopify admin opening the app embedded (with an ID
 * token) sees the shop's store, installed by token exchange if it is not yet; anyone else gets the connect page.
 */
@Controller
class StorePageController {

	private final StoreRepository stores;

	private final IdTokens idTokens;

	private final ShopifyOAuth oauth;

	private final StoreInstallation installation;

	private final EmbeddedPages embeddedPages;

	private final ExchangedIdTokens exchanged;

	StorePageController(StoreRepository stores, IdTokens idTokens, ShopifyOAuth oauth,
			StoreInstallation installation, EmbeddedPages embeddedPages, ExchangedIdTokens exchanged) {
		this.stores = stores;
		this.idTokens = idTokens;
		this.oauth = oauth;
		this.installation = installation;
		this.embeddedPages = embeddedPages;
		this.exchanged = exchanged;
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal StoreOwner owner, @RequestParam(name = "id_token", required = false) String idToken,
			Model model, HttpServletRequest request) {
		return pageStore(owner, idToken, model, request) ? "shop/store" : "shop/connect";
	}

	/**
	 * The store's settings (dashboard and alerts), opened like the store page: signed in, or embedded with an ID
	 * token. Its sections load as fragments of their own features; anyone else is sent to the connect page.
	 */
	@GetMapping("/settings")
	String settings(@AuthenticationPrincipal StoreOwner owner,
			@RequestParam(name = "id_token", required = false) String idToken, Model model,
			HttpServletRequest request) {
		return pageStore(owner, idToken, model, request) ? "shop/settings" : "redirect:/";
	}

	/**
	 * Puts the store a page is opened for into the model: the embedded shop's (installed by token exchange if it is
	 * not yet) when the Shopify admin passes an ID token, which lets that shop's admin frame the page, else the
	 * signed-in owner's. False when there is none.
	 */
	private boolean pageStore(StoreOwner owner, String idToken, Model model, HttpServletRequest request) {
		if (idToken != null) {
			this.embeddedPages.show(embeddedStore(idToken), request, model);
			return true;
		}
		if (owner != null) {
			var store = this.stores.findById(owner.storeId());
			store.ifPresent((found) -> model.addAttribute("store", found));
			return store.isPresent();
		}
		return false;
	}

	@GetMapping("/auth/check")
	String checkShop(@RequestParam(required = false) String shop, Model model) {
		model.addAttribute("valid", ShopDomain.parse(shop).isPresent());
		model.addAttribute("blank", shop == null || shop.isBlank());
		return "shop/connect :: shop-hint";
	}

	private Store embeddedStore(String idToken) {
		IdToken token = this.idTokens.verify(idToken)
			.orElseThrow(() -> new InstallRejected(HttpStatus.UNAUTHORIZED, "Shopify's admin could not vouch for "
					+ "this page: its session token is invalid or has expired. Open the app again from your Shopify admin."));
		return this.stores.findByShopifyDomain(token.shop().value())
			.filter((store) -> store.status() == StoreStatus.INSTALLED)
			.orElseGet(() -> {
				if (!this.exchanged.firstExchange(token)) {
					throw new InstallRejected(HttpStatus.UNAUTHORIZED, "This page's session token has installed the "
							+ "app already and cannot install it again. Open the app again from your Shopify admin.");
				}
				try {
					return this.stores
						.findById(this.installation.install(token.shop(), this.oauth.exchangeIdToken(token.shop(), idToken)))
						.orElseThrow();
				}
				catch (ShopifyOAuthException ex) {
					throw new InstallRejected(HttpStatus.UNAUTHORIZED, "Shopify did not accept this page's session "
							+ "token for installing. Open the app again from your Shopify admin.");
				}
			});
	}

}
