package com.metricsdash.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import com.metricsdash.sales.OrderLedger;
import com.metricsdash.sales.OrderPayloads;
import com.metricsdash.shop.StoreAdminApi;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shopify.AdminDocument;
import com.metricsdash.shopify.BulkRecord;

import org.springframework.stereotype.Component;

/** The orders phase: every order of the last 60 days (all Shopify shows without read_all_orders), with line items. */
@Component
class OrdersImport implements PhaseImport {

	static final Duration HISTORY = Duration.ofDays(60);

	private static final String SINCE_PLACEHOLDER = "2000-01-01T00:00:00Z";

	/** Orders per page: with their line items that is as much as one query may cost. */
	static final int PAGE_SIZE = 15;

	private final AdminDocument bulk = AdminDocument.load("ordersBulk");

	private final AdminDocument page = AdminDocument.load("ordersPage");

	private final AdminDocument lineItems = AdminDocument.load("orderLineItems");

	private final OrderLedger ledger;

	private final StoreAdminApi api;

	private final Clock clock;

	OrdersImport(OrderLedger ledger, StoreAdminApi api, Clock clock) {
		this.ledger = ledger;
		this.api = api;
		this.clock = clock;
	}

	@Override
	public SyncPhase phase() {
		return SyncPhase.ORDERS;
	}

	@Override
	public String bulkQuery(StoreRef store) {
		return this.bulk.text().replace(SINCE_PLACEHOLDER, since());
	}

	@Override
	public PageQuery pageQuery(StoreRef store) {
		return new PageQuery(this.page, Map.of("query", "updated_at:>=" + since(), "first", PAGE_SIZE), "orders");
	}

	/**
	 * An order of {@code ordersPage.graphql} with all its line items: when the page holds only the first of them, the
	 * rest are read before anything is applied, since the ledger replaces an order's stored lines with those given.
	 */
	@Override
	public BulkRecord fromPage(StoreRef store, JsonNode order) {
		List<JsonNode> lineItems = new ArrayList<>();
		if (order.path("lineItems").path("pageInfo").path("hasNextPage").asBoolean(false)) {
			this.api.forEachNode(store.id(), this.lineItems, Map.of("id", order.path("id").asString()),
					"order.lineItems", lineItems::add);
		}
		else {
			order.path("lineItems").path("nodes").forEach(lineItems::add);
		}
		return new BulkRecord(order, lineItems);
	}

	/** Applies orders; a record's descendants are its line items, the only connection the queries select. */
	@Override
	public int apply(StoreRef store, List<BulkRecord> batch) {
		this.ledger.applyAll(store,
				batch.stream().map((record) -> OrderPayloads.fromGraphql(record.root(), record.descendants())).toList());
		return batch.size();
	}

	private String since() {
		return this.clock.instant().minus(HISTORY).truncatedTo(ChronoUnit.SECONDS).toString();
	}

}
