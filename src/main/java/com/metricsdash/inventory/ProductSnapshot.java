package com.metricsdash.inventory;

import java.time.Instant;
import java.util.List;

/**
 * A product as Shopify reported it at {@code updatedAt}, with its variants, whichever way it arrived (webhook, bulk
 * export, page of a query); the unit {@link Catalog} applies.
 *
 * @param status Shopify's status in upper case: {@code ACTIVE}, {@code DRAFT}, {@code ARCHIVED}
 */
public record ProductSnapshot(long id, String title, String status, Instant updatedAt, List<VariantSnapshot> variants) {

	public ProductSnapshot {
		variants = List.copyOf(variants);
	}

}
