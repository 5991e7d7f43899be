package com.metricsdash.shop;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.shopify.ShopifyOAuth;
import com.metricsdash.shopify.ShopifyOAuthException;
import com.metricsdash.shopify.ShopifyProperties;
import com.metricsdash.shopify.TokenGrant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands out a store's access token, refreshing it first when it is about to expire (or when Shopify just refused it).
 * The credential row stays locked while refreshing, so concurrent callers and instances refresh once and all get the
 * new token; access and refresh token are stored together. A refused refresh marks the store for reconnecting.
 */
@Service
class AccessTokens {

	private static final Logger logger = LoggerFactory.getLogger(AccessTokens.class);

	private final StoreCredentials credentials;

	private final StoreRepository stores;

	private final ShopifyOAuth oauth;

	private final ShopifyProperties properties;

	private final Clock clock;

	AccessTokens(StoreCredentials credentials, StoreRepository stores, ShopifyOAuth oauth,
			ShopifyProperties properties, Clock clock) {
		this.credentials = credentials;
		this.stores = stores;
		this.oauth = oauth;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * A working access token for the store.
	 * @param refused the token Shopify just refused, which must not be handed out again; {@code null} if none
	 * @throws ReconnectRequiredException when there is no credential or Shopify will not refresh it
	 */
	@Transactional(noRollbackFor = ReconnectRequiredException.class)
	public String accessToken(UUID storeId, ShopDomain shop, String refused) {
		StoreCredentials.Credential credential = this.credentials.lock(storeId)
			.orElseThrow(() -> new ReconnectRequiredException(shop));
		Instant refreshAfter = this.clock.instant().plus(this.properties.tokenRefreshMargin());
		boolean expiring = credential.accessTokenExpiresAt() != null
				&& credential.accessTokenExpiresAt().isBefore(refreshAfter);
		if (!expiring && !credential.accessToken().equals(refused)) {
			if (credential.staleKey()) {
				this.credentials.save(storeId, asGrant(credential));
			}
			return credential.accessToken();
		}
		if (credential.refreshToken() == null) {
			throw reconnect(storeId, shop, "no refresh token");
		}
		try {
			TokenGrant grant = this.oauth.refresh(shop, credential.refreshToken());
			this.credentials.save(storeId, grant);
			logger.info("Refreshed the access token of {}; it now expires at {}", shop, grant.accessTokenExpiresAt());
			return grant.accessToken();
		}
		catch (ShopifyOAuthException ex) {
			if (ex.grantRejected()) {
				throw reconnect(storeId, shop, ex.error());
			}
			throw ex;
		}
	}

	private ReconnectRequiredException reconnect(UUID storeId, ShopDomain shop, String reason) {
		logger.warn("Shopify refused to refresh the credentials of {} ({}): the store must be reconnected", shop,
				reason);
		this.stores.updateStatus(storeId, StoreStatus.RECONNECT_REQUIRED);
		return new ReconnectRequiredException(shop);
	}

	private static TokenGrant asGrant(StoreCredentials.Credential credential) {
		return new TokenGrant(credential.accessToken(), credential.accessTokenExpiresAt(), credential.refreshToken(),
				credential.refreshTokenExpiresAt(), credential.scopes());
	}

}
