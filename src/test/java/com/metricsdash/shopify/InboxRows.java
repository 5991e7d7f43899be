package com.metricsdash.shopify;

import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Deliveries written straight into the inbox, in one statement, as the intake and the worker leave them. */
final class InboxRows {

	private InboxRows() {
	}

	/**
	 * Adds {@code count} deliveries of the shop in the status, each with a payload of 1,500 bytes (as wide as an
	 * order's), processed {@code processedAgo} ({@code null} for none); returns their ids, the newest first.
	 */
	static List<Long> insert(JdbcClient jdbc, String shop, String name, int count, String status,
			String processedAgo) {
		return jdbc.sql("""
				insert into webhook_inbox (webhook_id, topic, shop_domain, payload, status, processed_at)
				select :shop || '-' || :name || '-' || n, 'orders/create', :shop, repeat('x', 1500), :status,
				    now() - cast(:processedAgo as interval)
				from generate_series(1, :count) as n
				returning id""")
			.param("shop", shop)
			.param("name", name)
			.param("count", count)
			.param("status", status)
			.param("processedAgo", processedAgo)
			.query(Long.class)
			.list()
			.stream()
			.sorted(Comparator.reverseOrder())
			.toList();
	}

}
