package com.metricsdash.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.metricsdash.shopify.ShopifySignatures;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Shopify's OAuth endpoints for a simulated shop: the consent page (one form; submitting it as it stands approves),
 * the signed redirect back to the app, and the token endpoint with its three grants (authorization code, token
 * exchange, refresh), each issuing an expiring offline token with a rotating refresh token. Approving grants the
 * scopes the app asked for, a token exchange those of the app's configuration, both less any the merchant declines
 * ({@link SimShop#declineScopes}); the token answer reports them in {@code scope}.
 */
@Controller
@ConditionalOnSimulator
@RequestMapping("/simulator/{shop}/admin/oauth")
class SimOAuthController {

	private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);

	private final SimulatedShops shops;

	private final SimulatorProperties properties;

	private final SimIdTokens idTokens;

	private final Clock clock;

	SimOAuthController(SimulatedShops shops, SimulatorProperties properties, SimIdTokens idTokens, Clock clock) {
		this.shops = shops;
		this.properties = properties;
		this.idTokens = idTokens;
		this.clock = clock;
	}

	@GetMapping("/authorize")
	String consent(@PathVariable String shop, @RequestParam Map<String, String> request, Model model) {
		SimShop simShop = checkAuthorize(shop, request);
		model.addAttribute("shopDomain", simShop.domain());
		model.addAttribute("shopName", simShop.name());
		model.addAttribute("request", request);
		model.addAttribute("scopes", scopes(request.getOrDefault("scope", "")));
		return "simulator/consent";
	}

	@PostMapping("/authorize")
	String approve(@PathVariable String shop, @RequestParam Map<String, String> request) {
		SimShop simShop = checkAuthorize(shop, request);
		simShop.grantScopes(scopes(request.getOrDefault("scope", "")));
		Instant now = this.clock.instant();
		Map<String, String> callback = new LinkedHashMap<>();
		callback.put("code", simShop.issueCode(now.plus(CODE_LIFETIME)));
		callback.put("host", Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("admin.shopify.com/store/" + handle(shop)).getBytes(StandardCharsets.UTF_8)));
		callback.put("shop", shop);
		callback.put("state", request.getOrDefault("state", ""));
		callback.put("timestamp", Long.toString(now.getEpochSecond()));
		callback.put("hmac", ShopifySignatures.signQuery(this.properties.clientSecret(), callback));
		UriComponentsBuilder redirect = UriComponentsBuilder.fromUriString(request.get("redirect_uri"));
		callback.forEach(redirect::queryParam);
		return "redirect:" + redirect.encode().toUriString();
	}

	@PostMapping(path = "/access_token", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	ResponseEntity<Map<String, Object>> token(@PathVariable String shop, @RequestBody Map<String, String> body) {
		SimShop simShop = this.shops.find(shop).orElse(null);
		if (simShop == null) {
			return error(HttpStatus.NOT_FOUND, "not_found", "There is no shop at " + shop);
		}
		if (!this.properties.clientId().equals(body.get("client_id"))
				|| !this.properties.clientSecret().equals(body.get("client_secret"))) {
			return error(HttpStatus.UNAUTHORIZED, "invalid_client", "Client credentials are invalid");
		}
		Instant now = this.clock.instant();
		String grantType = body.getOrDefault("grant_type", "authorization_code");
		boolean granted = switch (grantType) {
			case "authorization_code" -> simShop.redeemCode(body.getOrDefault("code", ""), now);
			case "refresh_token" -> simShop.redeemRefreshToken(body.getOrDefault("refresh_token", ""), now);
			case "urn:ietf:params:oauth:grant-type:token-exchange" -> exchange(simShop, body, shop);
			default -> false;
		};
		if (!granted) {
			return grantType.startsWith("urn:") ? error(HttpStatus.BAD_REQUEST, "invalid_subject_token",
					"The session token is invalid or has expired")
					: error(HttpStatus.BAD_REQUEST, "invalid_grant",
							"The authorization code or refresh token was not found, was already used, or has expired");
		}
		simShop.installed(true);
		Map<String, Object> tokens = new LinkedHashMap<>();
		tokens.put("access_token", simShop.issueAccessToken(now.plus(this.properties.accessTokenLifetime())));
		tokens.put("scope", String.join(",", simShop.scopes()));
		tokens.put("expires_in", this.properties.accessTokenLifetime().toSeconds());
		tokens.put("refresh_token", simShop.issueRefreshToken(now.plus(this.properties.refreshTokenLifetime())));
		tokens.put("refresh_token_expires_in", this.properties.refreshTokenLifetime().toSeconds());
		return ResponseEntity.ok(tokens);
	}

	/** A managed install grants the scopes of the app's configuration, as Shopify does on a token exchange. */
	private boolean exchange(SimShop simShop, Map<String, String> body, String shop) {
		if (!this.idTokens.valid(body.getOrDefault("subject_token", ""), shop)) {
			return false;
		}
		simShop.grantScopes(scopes(this.properties.scopes()));
		return true;
	}

	private static List<String> scopes(String scopes) {
		return Arrays.stream(scopes.split(",")).map(String::strip).filter((scope) -> !scope.isEmpty()).toList();
	}

	private SimShop checkAuthorize(String shop, Map<String, String> request) {
		SimShop simShop = this.shops.find(shop)
			.orElseThrow(() -> new SimulatorError(HttpStatus.NOT_FOUND, "There is no shop at " + shop + "."));
		if (!this.properties.clientId().equals(request.get("client_id"))) {
			throw new SimulatorError(HttpStatus.BAD_REQUEST,
					"Oauth error invalid_request: The client_id is not registered with this shop.");
		}
		String redirectUri = request.get("redirect_uri");
		if (redirectUri == null || !URI.create(redirectUri).isAbsolute()
				|| !redirectUri.equals(this.properties.redirectUri())) {
			throw new SimulatorError(HttpStatus.BAD_REQUEST,
					"Oauth error invalid_request: The redirect_uri is not whitelisted.");
		}
		return simShop;
	}

	private static String handle(String shop) {
		return shop.substring(0, shop.indexOf('.'));
	}

	private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String error, String description) {
		return ResponseEntity.status(status).body(Map.of("error", error, "error_description", description));
	}

}
