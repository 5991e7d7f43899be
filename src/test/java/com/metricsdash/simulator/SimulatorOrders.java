package com.metricsdash.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import com.metricsdash.sales.DayTotal;
import com.metricsdash.simulator.SimModel.Order;
import com.metricsdash.simulator.SimWebhooks.DeliveryAttempt;
import com.metricsdash.simulator.SimWebhooks.DeliveryMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;

/**
 * What tests of the sales module may do to the simulator: make a demo shop with an order history, sell, cancel and
 * refund in it, shape how its webhooks are delivered, read the payloads and GraphQL answers Shopify would give, and
 * read the shop's own daily totals, which the app's figures must equal.
 */
public final class SimulatorOrders {

	private final SimulatedShops shops;

	private final DemoShopFactory factory;

	private final SimStoreActions actions;

	private final SimWebhooks webhooks;

	private final AdminGraphql graphql;

	private final JsonMapper json;

	public SimulatorOrders(ApplicationContext context) {
		this.shops = context.getBean(SimulatedShops.class);
		this.factory = context.getBean(DemoShopFactory.class);
		this.actions = context.getBean(SimStoreActions.class);
		this.webhooks = context.getBean(SimWebhooks.class);
		this.graphql = context.getBean(AdminGraphql.class);
		this.json = context.getBean(JsonMapper.class);
	}

	/**
	 * A new demo shop with a unique domain starting with {@code prefix}: the demo catalogue and
	 * {@code days * ordersPerDay} orders over the last {@code days} days (none when {@code ordersPerDay} is 0).
	 */
	public String newShop(String prefix, ZoneId zone, int days, int ordersPerDay) {
		return newShop(prefix, zone, days, ordersPerDay, 2);
	}

	/** Like {@link #newShop(String, ZoneId, int, int)}, with every variant stocked at each of {@code locations}. */
	public String newShop(String prefix, ZoneId zone, int days, int ordersPerDay, int locations) {
		String domain = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		this.shops.add(this.factory.create(domain, zone, new Random().nextInt(100_000), days, ordersPerDay, locations));
		return domain;
	}

	/** Places an order of one to three random variants now; returns its id. */
	public long placeOrder(String domain, Random random) {
		return this.actions.placeRandomOrder(shop(domain), random).id();
	}

	public void cancelOrder(String domain, long orderId) {
		this.actions.cancelOrder(shop(domain), orderId);
	}

	public void refundOrder(String domain, long orderId) {
		this.actions.refundOrder(shop(domain), orderId);
	}

	/** How the shop's events are delivered from now on; see {@code SimWebhooks.DeliveryMode}. */
	public void deliveries(String domain, double duplicateShare, boolean shuffle, Duration delay) {
		this.webhooks.mode(domain, new DeliveryMode(duplicateShare, shuffle, delay, false));
	}

	/** Drops every event of the shop from now on, as a webhook Shopify never delivers (for reconciliation). */
	public void dropDeliveries(String domain) {
		this.webhooks.mode(domain, new DeliveryMode(0, false, Duration.ZERO, true));
	}

	/** Ends the shop's subscriptions to a topic (the GraphQL enum name, e.g. INVENTORY_LEVELS_UPDATE). */
	public void unsubscribe(String domain, String topic) {
		SimShop shop = shop(domain);
		shop.webhookSubscriptions()
			.stream()
			.filter((subscription) -> subscription.topic().equals(topic))
			.forEach((subscription) -> shop.removeWebhookSubscription(subscription.id()));
	}

	/** How many of the shop's events were delivered more than once, among the deliveries the simulator keeps. */
	public long eventsSentTwice(String domain) {
		return this.webhooks.attempts(domain, Integer.MAX_VALUE)
			.stream()
			.collect(Collectors.groupingBy(DeliveryAttempt::eventId, Collectors.mapping(DeliveryAttempt::webhookId,
					Collectors.toSet())))
			.values()
			.stream()
			.filter((webhookIds) -> webhookIds.size() > 1)
			.count();
	}

	/** How many of the shop's delivery attempts failed and were to be retried, among those the simulator keeps. */
	public long failedAttempts(String domain) {
		return this.webhooks.attempts(domain, Integer.MAX_VALUE)
			.stream()
			.filter((attempt) -> attempt.outcome().endsWith("will retry"))
			.count();
	}

	/** The {@code orders/*} webhook body of an order as it is now. */
	public String orderPayload(String domain, long orderId) {
		SimShop shop = shop(domain);
		return this.json.writeValueAsString(SimPayloads.order(shop, shop.order(orderId).orElseThrow()));
	}

	/** The {@code refunds/create} body of the order's last refund. */
	public String refundPayload(String domain, long orderId) {
		SimShop shop = shop(domain);
		Order order = shop.order(orderId).orElseThrow();
		return this.json
			.writeValueAsString(SimPayloads.refund(shop, order, order.refunds().get(order.refunds().size() - 1)));
	}

	/** The Admin GraphQL API's answer to a document, run in process; bulk files are served from {@code baseUrl}. */
	public JsonNode graphql(String domain, String document, Map<String, Object> variables, String baseUrl) {
		return this.json.valueToTree(
				this.graphql.execute(shop(domain), document, variables, null, baseUrl));
	}

	/**
	 * The shop's own figures as the app's daily totals should hold them, for every day from the first with orders to
	 * the last (days without any as zero), to compare with {@code SalesTotals.daily} over the same days.
	 */
	public SortedMap<LocalDate, DayTotal> expectedDailyTotals(String domain) {
		SortedMap<LocalDate, Day> days = dailyTotals(domain);
		SortedMap<LocalDate, DayTotal> expected = new TreeMap<>();
		for (LocalDate day = days.firstKey(); !day.isAfter(days.lastKey()); day = day.plusDays(1)) {
			Day total = days.get(day);
			expected.put(day, (total != null) ? new DayTotal(total.orders(), total.grossSales().setScale(4))
					: new DayTotal(0, new BigDecimal("0.0000")));
		}
		return expected;
	}

	/** The shop's own figures per local day: orders that count and their gross sales; days without any absent. */
	public SortedMap<LocalDate, Day> dailyTotals(String domain) {
		SortedMap<LocalDate, Day> days = new TreeMap<>();
		shop(domain).dailyTotals().forEach((day, total) -> days.put(day, new Day(total.orders(), total.grossSales())));
		return days;
	}

	/**
	 * The shop's own storefront sessions per local hour of a day, up to now, as its ShopifyQL answers them; hours
	 * without any absent.
	 */
	public SortedMap<LocalDateTime, Long> sessions(String domain, LocalDate day) {
		return shop(domain).sessions(day, day, Instant.now());
	}

	/** How many orders the shop holds, test and cancelled ones included. */
	public int orderCount(String domain) {
		return shop(domain).orders().size();
	}

	private SimShop shop(String domain) {
		return this.shops.find(domain).orElseThrow();
	}

	/** One local day of the simulator's own figures. */
	public record Day(long orders, BigDecimal grossSales) {
	}

}
