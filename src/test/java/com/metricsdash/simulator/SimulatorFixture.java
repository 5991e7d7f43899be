package com.metricsdash.simulator;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationContext;

/**
 * What tests outside the simulator may do to it, standing in for a person at Shopify's admin: create a shop, mint
 * an ID token, revoke the app's tokens, look at its webhook subscriptions.
 */
public final class SimulatorFixture {

	private final SimulatedShops shops;

	private final SimIdTokens idTokens;

	private final ThrottleBuckets buckets;

	public SimulatorFixture(ApplicationContext context) {
		this.shops = context.getBean(SimulatedShops.class);
		this.idTokens = context.getBean(SimIdTokens.class);
		this.buckets = context.getBean(ThrottleBuckets.class);
	}



	/** An access token of the app for the shop, as if it had been installed a moment ago. */
	public String accessToken(String domain) {
		return shop(domain).issueAccessToken(java.time.Instant.now().plusSeconds(3600));
	}

	/** Gives the shop a leaky bucket of its own size and restore rate. */
	public void throttle(String domain, int size, int restoreRate) {
		this.buckets.configure(shop(domain), size, restoreRate);
	}

	/** A new, empty shop with a unique domain starting with {@code prefix}. */
	public String newShop(String prefix) {
		String domain = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		this.shops.add(new SimShop(domain, "Shop " + prefix, ZoneId.of("Europe/Berlin"), "EUR", 6_000_000_000L));
		return domain;
	}

	public String idToken(String domain) {
		return this.idTokens.mint(domain, "42");
	}

	public void revokeTokens(String domain) {
		shop(domain).revokeTokens();
	}

	/** Ends the app's access tokens but leaves its refresh tokens working, as when a token is revoked early. */
	public void revokeAccessTokens(String domain) {
		SimShop shop = shop(domain);
		shop.grants().forEach((token, grant) -> {
			if (grant.kind() == SimShop.GrantKind.ACCESS) {
				shop.put(token, new SimShop.Grant(grant.kind(), java.time.Instant.EPOCH));
			}
		});
	}

	/** Makes the shop's bulk operations fail (or work again). */
	public void failExports(String domain, boolean failing) {
		shop(domain).failingExports(failing);
	}

	/** Makes the shop's Admin API answer 503 (or work again). */
	public void outage(String domain, boolean down) {
		shop(domain).outage(down);
	}

	/** Makes the shop's merchant decline these access scopes at every later install. */
	public void declineScopes(String domain, String... scopes) {
		shop(domain).declineScopes(java.util.Set.of(scopes));
	}

	/** Sets the scopes the app holds on the shop from now on, as when the merchant changes the app's access. */
	public void grantScopes(String domain, String... scopes) {
		shop(domain).grantScopes(List.of(scopes));
	}

	/** How many ShopifyQL queries the app sent the shop, whether or not it was allowed to. */
	public int shopifyqlQueries(String domain) {
		return shop(domain).shopifyqlQueries();
	}

	public boolean installed(String domain) {
		return shop(domain).installed();
	}

	/** The topics the shop sends to the app, as GraphQL enum names, one per subscription. */
	public List<String> webhookTopics(String domain) {
		return shop(domain).webhookSubscriptions().stream().map(SimModel.WebhookSubscription::topic).toList();
	}


	private SimShop shop(String domain) {
		return this.shops.find(domain).orElseThrow();
	}

}
