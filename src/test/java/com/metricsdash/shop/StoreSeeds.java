package com.metricsdash.shop;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.shopify.TokenGrant;

import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Installed stores for benchmarks that need a thousand of them. Each goes in through the statements an install runs
 * (the store, its credential sealed under a data key of its own, the shop's timezone and currency) and is marked
 * synced, so the app resolves it like any other: by id, by the shop of a session token, at a socket's handshake.
 * What makes a real install slow is left out, as other tests cover it: the OAuth round trip, reading the shop from
 * the Admin API, subscribing webhooks and the initial sync.
 */
public final class StoreSeeds {

	private final StoreRepository stores;

	private final StoreCredentials credentials;

	private final TransactionTemplate transactions;

	public StoreSeeds(ApplicationContext context) {
		this.stores = context.getBean(StoreRepository.class);
		this.credentials = context.getBean(StoreCredentials.class);
		this.transactions = context.getBean(TransactionTemplate.class);
	}

	/** Installs the shop as a synced store of that timezone and currency, with made-up tokens; returns its id. */
	public UUID install(String shop, ZoneId zone, String currency) {
		ShopDomain domain = new ShopDomain(shop);
		Instant now = Instant.now();
		TokenGrant grant = new TokenGrant("shpat_" + UUID.randomUUID(), now.plus(Duration.ofHours(1)),
				"shprt_" + UUID.randomUUID(), now.plus(Duration.ofDays(90)), "read_orders,read_products,read_inventory");
		return this.transactions.execute((status) -> {
			UUID id = this.stores.install(domain.value());
			this.credentials.save(id, grant);
			this.stores.updateShop(id, domain.handle(), zone.getId(), currency);
			this.stores.updateSyncStatus(id, SyncStatus.COMPLETE, null);
			return id;
		});
	}

}
