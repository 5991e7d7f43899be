package com.metricsdash.simulator;

import java.time.Duration;
import java.time.Instant;

import graphql.schema.DataFetchingEnvironment;

/**
 * What every data fetcher of one Admin API request needs: the shop it is about, the one instant it happens at, the
 * simulator's own base URL (for the URLs it hands out), and, for a bulk operation's query, the page window of its root
 * connection (null for an ordinary request).
 */
record AdminRequest(SimShop shop, Instant now, String baseUrl, BulkWindow bulk) {

	/** Without {@code read_all_orders} Shopify shows only this much order history. */
	private static final Duration ORDER_HISTORY = Duration.ofDays(60);

	static AdminRequest of(DataFetchingEnvironment env) {
		return env.getGraphQlContext().get(AdminRequest.class);
	}

	boolean bulkQuery() {
		return this.bulk != null;
	}

	/** Whether the app may see this order: it was created within the visible history. */
	boolean visible(SimModel.Order order) {
		return !order.createdAt().isBefore(this.now.minus(ORDER_HISTORY));
	}

	/**
	 * Where a bulk query's root connection is: the cursor to continue after, and what the last page returned. A bulk
	 * export runs the query page by page with it, so that no full result is ever held at once.
	 */
	static final class BulkWindow {

		private String after;

		private String endCursor;

		private boolean hasNextPage;

		String after() {
			return this.after;
		}

		void pageReturned(String endCursor, boolean hasNextPage) {
			this.endCursor = endCursor;
			this.hasNextPage = hasNextPage;
		}

		/** Moves the window past the last page; false when there is nothing after it. */
		boolean advance() {
			if (!this.hasNextPage) {
				return false;
			}
			this.after = this.endCursor;
			return true;
		}

	}

}
