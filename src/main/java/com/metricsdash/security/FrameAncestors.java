package com.metricsdash.security;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.metricsdash.shopify.ShopDomain;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.header.HeaderWriter;

/**
 * Lets a page be framed only by the Shopify admin of the shop it belongs to
 * ({@code frame-ancestors https://{shop} https://admin.shopify.com}), and by nobody otherwise. The shop is the
 * signed-in owner's, or the {@code shop} parameter of an embedded load (the page itself verifies the ID token).
 */
final class FrameAncestors implements HeaderWriter {

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		String policy = shop(request).map((shop) -> "frame-ancestors https://" + shop + " https://admin.shopify.com;")
			.orElse("frame-ancestors 'none';");
		response.setHeader("Content-Security-Policy", policy);
	}

	private static Optional<ShopDomain> shop(HttpServletRequest request) {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof StoreOwner owner) {
			return Optional.of(owner.shop());
		}
		return ShopDomain.parse(request.getParameter("shop"));
	}

}
