package com.metricsdash.shop;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import com.metricsdash.shopify.ShopDomain;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A store that installed the app, with what we know of the shop and how far its data is synced. */
@Table("store")
public record Store(@Id UUID id, String shopifyDomain, String name, String timezone, String currency,
		StoreStatus status, SyncStatus syncStatus, String syncError, Instant lastSyncAt, Instant installedAt,
		Instant uninstalledAt) {

	public ShopDomain shop() {
		return new ShopDomain(this.shopifyDomain);
	}

	/** The shop's timezone, in which every day is counted; UTC until the shop has been read. */
	public ZoneId zone() {
		return zone(this.timezone);
	}

	static ZoneId zone(String timezone) {
		return timezone == null ? ZoneId.of("UTC") : ZoneId.of(timezone);
	}

	/** What other modules go by: id, shop, timezone and currency. */
	public StoreRef ref() {
		return new StoreRef(this.id, shop(), zone(), this.currency);
	}

	/** The name to show: the shop's own, or its domain before it was read. */
	public String displayName() {
		return this.name == null ? this.shopifyDomain : this.name;
	}

}
