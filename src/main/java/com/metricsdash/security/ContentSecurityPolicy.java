package com.metricsdash.security;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.metricsdash.shopify.ShopDomain;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.header.HeaderWriter;

/**
 * The pages' {@code Content-Security-Policy}. Scripts run only from the app itself (its own and htmx, served from its
 * webjar) and from Shopify's CDN (App Bridge): no inline script, no {@code on*} attribute and no eval, so markup that
 * an attacker slips into a page cannot run, and htmx is told not to evaluate anything (js/app.js). A page may be
 * framed only by the Shopify admin of the shop it belongs to ({@code frame-ancestors https://{shop}
 * https://admin.shopify.com}), and by nobody otherwise. That shop is the signed-in owner's, or the one whose session
 * token the page verified ({@link #frameableByAdminOf}): a {@code shop} parameter alone vouches for nothing, and would
 * let any page that names a shop be framed by a site of the attacker's choosing.
 */
public final class ContentSecurityPolicy implements HeaderWriter {

	private static final String SCRIPTS = "script-src 'self' https://cdn.shopify.com; object-src 'none'; base-uri 'self';";

	private static final String VERIFIED_SHOP = ContentSecurityPolicy.class.getName() + ".shop";

	/**
	 * Lets the Shopify admin of {@code shop} frame this response: the page has verified a session token of that shop
	 * itself (an embedded load, which opens the page before any sign-in).
	 */
	public static void frameableByAdminOf(ShopDomain shop, HttpServletRequest request) {
		request.setAttribute(VERIFIED_SHOP, shop);
	}

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		String frameAncestors = shop(request)
			.map((shop) -> "frame-ancestors https://" + shop + " https://admin.shopify.com;")
			.orElse("frame-ancestors 'none';");
		response.setHeader("Content-Security-Policy", SCRIPTS + " " + frameAncestors);
	}

	private static Optional<ShopDomain> shop(HttpServletRequest request) {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof StoreOwner owner) {
			return Optional.of(owner.shop());
		}
		return Optional.ofNullable((ShopDomain) request.getAttribute(VERIFIED_SHOP));
	}

}
