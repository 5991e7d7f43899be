package com.metricsdash.shop;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import com.metricsdash.security.SignIn;
import com.metricsdash.security.StoreOwner;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.shopify.ShopifyOAuth;
import com.metricsdash.shopify.ShopifyOAuthException;
import com.metricsdash.shopify.ShopifyProperties;
import com.metricsdash.shopify.ShopifySignatures;
import com.metricsdash.shopify.TokenGrant;
import com.metricsdash.system.AppProperties;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Installing from a browser with Shopify's authorization code grant: {@code /auth} sends the merchant to approve the
 * app, {@code /auth/callback} verifies Shopify's answer (shop, signature, freshness, our state nonce, once), exchanges
 * the code for an expiring offline token, installs the store and signs the merchant in.
 */
@Controller
class InstallController {

	static final String PENDING_INSTALL = InstallController.class.getName() + ".pending";

	private static final Duration MAX_CALLBACK_AGE = Duration.ofSeconds(90);

	private final ShopifyOAuth oauth;

	private final ShopifyProperties shopify;

	private final AppProperties app;

	private final StoreInstallation installation;

	private final SignIn signIn;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	InstallController(ShopifyOAuth oauth, ShopifyProperties shopify, AppProperties app,
			StoreInstallation installation, SignIn signIn, Clock clock) {
		this.oauth = oauth;
		this.shopify = shopify;
		this.app = app;
		this.installation = installation;
		this.signIn = signIn;
		this.clock = clock;
	}

	@GetMapping("/auth")
	String begin(@RequestParam(required = false) String shop, HttpSession session) {
		ShopDomain domain = ShopDomain.parse(shop).orElseThrow(InstallRejected::notAShop);
		byte[] nonce = new byte[16];
		this.random.nextBytes(nonce);
		String state = HexFormat.of().formatHex(nonce);
		session.setAttribute(PENDING_INSTALL, new PendingInstall(state, domain.value()));
		return "redirect:" + this.oauth.authorizeUrl(domain, this.app.url("/auth/callback"), state);
	}

	@GetMapping("/auth/callback")
	String callback(@RequestParam MultiValueMap<String, String> query, HttpServletRequest request,
			HttpServletResponse response) {
		ShopDomain shop = ShopDomain.parse(query.getFirst("shop")).orElseThrow(InstallRejected::notAShop);
		Map<String, String> parameters = singleValued(query);
		if (!ShopifySignatures.verifyQuery(this.shopify.apiSecret(), parameters)) {
			throw new InstallRejected(HttpStatus.UNAUTHORIZED,
					"This link was not signed by Shopify, so we did not install anything. Start the install again.");
		}
		if (!fresh(parameters.get("timestamp"))) {
			throw new InstallRejected(HttpStatus.UNAUTHORIZED,
					"This install link has expired. Start the install again from Shopify.");
		}
		HttpSession session = request.getSession(false);
		PendingInstall pending = (session != null) ? (PendingInstall) session.getAttribute(PENDING_INSTALL) : null;
		if (session != null) {
			session.removeAttribute(PENDING_INSTALL);
		}
		if (pending == null || !pending.state().equals(parameters.get("state"))
				|| !pending.shop().equals(shop.value())) {
			throw new InstallRejected(HttpStatus.FORBIDDEN, "This install was not started from this browser, or "
					+ "its link was used already. Start the install again.");
		}
		TokenGrant grant;
		try {
			grant = this.oauth.exchangeCode(shop, parameters.getOrDefault("code", ""));
		}
		catch (ShopifyOAuthException ex) {
			throw new InstallRejected(HttpStatus.BAD_REQUEST, "Shopify did not accept this install (its code was "
					+ "used already or has expired). Start the install again.");
		}
		UUID storeId = this.installation.install(shop, grant);
		this.signIn.signIn(new StoreOwner(storeId, shop), request, response);
		return "redirect:/";
	}

	private boolean fresh(String timestamp) {
		try {
			Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
			return Duration.between(signedAt, this.clock.instant()).abs().compareTo(MAX_CALLBACK_AGE) <= 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static Map<String, String> singleValued(MultiValueMap<String, String> query) {
		Map<String, String> parameters = new LinkedHashMap<>();
		query.forEach((key, values) -> {
			if (values.size() != 1) {
				throw new InstallRejected(HttpStatus.BAD_REQUEST, "This install link is malformed. Start the "
						+ "install again.");
			}
			parameters.put(key, values.get(0));
		});
		return parameters;
	}

	/** The install this browser started: the state nonce we sent and the shop it was for. */
	record PendingInstall(String state, String shop) implements java.io.Serializable {
	}

}
