package com.metricsdash.shopify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verified deliveries taken from the inbox together, published to the modules that handle their topics: a run of
 * each of one or more shops, each shop's in the order they were stored. A run holds only changes that may be applied
 * in any order among themselves (orders, refunds, products and stock all carry the time of their version, and the
 * newest wins); a delivery about the shop's relationship with the app ({@code app/uninstalled}, the compliance topics)
 * always makes a run of its own, so it comes exactly between the changes stored before and after it.
 * <p>
 * Listeners run in the inbox worker's transaction and take the deliveries of their topics together, one statement
 * per kind of row rather than one per delivery, or per shop. If one throws, the batch is taken again run by run, and
 * a run that fails is taken apart and each delivery applied alone, so that the one that failed is retried or parked
 * without holding back the others; handlers must therefore be idempotent. One that cannot read a payload throws an
 * {@link IllegalArgumentException}, a {@link java.time.DateTimeException} or a Jackson exception, and that delivery
 * is parked at once.
 */
public record ShopifyWebhooks(List<ShopifyWebhook> deliveries) {

	public ShopifyWebhooks {
		deliveries = List.copyOf(deliveries);
	}

	/** The deliveries of these topics (e.g. {@code orders/create}), in the order they were stored. */
	public List<ShopifyWebhook> of(String... topics) {
		Set<String> wanted = Set.of(topics);
		return this.deliveries.stream().filter((delivery) -> wanted.contains(delivery.topic())).toList();
	}

	/** The deliveries of these topics by shop, each shop's in the order they were stored. */
	public Map<ShopDomain, List<ShopifyWebhook>> byShop(String... topics) {
		Map<ShopDomain, List<ShopifyWebhook>> byShop = new LinkedHashMap<>();
		of(topics).forEach((delivery) -> byShop.computeIfAbsent(delivery.shop(), (shop) -> new ArrayList<>())
			.add(delivery));
		return byShop;
	}

}
