package com.metricsdash.simulator;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import com.metricsdash.simulator.SimModel.InventoryLevel;
import com.metricsdash.simulator.SimModel.Location;
import com.metricsdash.simulator.SimModel.Order;
import com.metricsdash.simulator.SimModel.Product;
import com.metricsdash.simulator.SimModel.Variant;
import com.metricsdash.simulator.SimModel.WebhookSubscription;

/**
 * One simulated shop and everything in it, held in memory. Every method is synchronized on the shop, and reads return
 * copies, so callers never see a half-applied change.
 */
final class SimShop {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final long SESSIONS_PER_ORDER = 30;

	private final String domain;

	private final String name;

	private final ZoneId timezone;

	private final String currency;

	private final AtomicLong ids;

	private final Map<Long, Location> locations = new LinkedHashMap<>();

	private final Map<Long, Product> products = new TreeMap<>();

	private final Map<Long, Variant> variants = new TreeMap<>();

	private final Map<List<Long>, InventoryLevel> levels = new LinkedHashMap<>();

	private final TreeMap<Long, Order> orders = new TreeMap<>();

	private final Map<Long, WebhookSubscription> webhookSubscriptions = new LinkedHashMap<>();

	/** Per subscription id, how many delivery attempts failed since the last success. */
	private final Map<Long, Integer> failuresInARow = new HashMap<>();

	private final Map<String, Grant> grants = new LinkedHashMap<>();

	private List<String> scopes = List.of();

	private Set<String> declinedScopes = Set.of();

	private boolean installed;

	private int shopifyqlQueries;

	private boolean failingExports;

	private boolean outage;

	private boolean demo;

	/**
	 * @param firstId where this shop's ids start; ids grow from there and are shared by all kinds of object, as
	 * Shopify's are unique per kind
	 */
	SimShop(String domain, String name, ZoneId timezone, String currency, long firstId) {
		this.domain = domain;
		this.name = name;
		this.timezone = timezone;
		this.currency = currency;
		this.ids = new AtomicLong(firstId);
	}

	String domain() {
		return this.domain;
	}

	String name() {
		return this.name;
	}

	ZoneId timezone() {
		return this.timezone;
	}

	String currency() {
		return this.currency;
	}

	long nextId() {
		return this.ids.incrementAndGet();
	}

	/** The last id handed out, from which a restored shop continues. */
	long lastId() {
		return this.ids.get();
	}

	/** Whether the shop was generated as a demo shop, so the live generator places orders in it. */
	synchronized boolean demo() {
		return this.demo;
	}

	synchronized void demo(boolean demo) {
		this.demo = demo;
	}

	synchronized boolean installed() {
		return this.installed;
	}

	/** Whether every bulk operation of the shop fails, as Shopify's do on an internal error (for tests). */
	synchronized boolean failingExports() {
		return this.failingExports;
	}

	synchronized void failingExports(boolean failing) {
		this.failingExports = failing;
	}

	/** Whether the shop's Admin API answers 503, as Shopify's does during an outage (for tests). */
	synchronized boolean outage() {
		return this.outage;
	}

	synchronized void outage(boolean outage) {
		this.outage = outage;
	}

	/** Marks the app installed, or uninstalled: then its tokens and webhook subscriptions are gone. */
	synchronized void installed(boolean installed) {
		this.installed = installed;
		if (!installed) {
			this.webhookSubscriptions.clear();
			this.failuresInARow.clear();
			this.grants.clear();
			this.scopes = List.of();
		}
	}

	/** How many ShopifyQL queries the app sent the shop, granted or not (for tests). */
	synchronized int shopifyqlQueries() {
		return this.shopifyqlQueries;
	}

	synchronized void countShopifyqlQuery() {
		this.shopifyqlQueries++;
	}

	/** The access scopes the app holds on this shop, as the token endpoint reports them. */
	synchronized List<String> scopes() {
		return this.scopes;
	}

	synchronized boolean grants(String scope) {
		return this.scopes.contains(scope);
	}

	/** Grants the app what it asked for, less what the merchant declines. */
	synchronized void grantScopes(List<String> requested) {
		this.scopes = requested.stream().filter((scope) -> !this.declinedScopes.contains(scope)).distinct().toList();
	}

	/**
	 * Makes the merchant decline these scopes at every later install, as a merchant may decline an optional scope
	 * (for tests).
	 */
	synchronized void declineScopes(Set<String> declined) {
		this.declinedScopes = Set.copyOf(declined);
	}

	/** Issues a one-time authorization code, as the consent page does on approval. */
	synchronized String issueCode(Instant expiresAt) {
		return issue(GrantKind.CODE, "", expiresAt);
	}

	/** Redeems a code once: a second use, or a late one, finds nothing. */
	synchronized boolean redeemCode(String code, Instant now) {
		Grant grant = this.grants.remove(code);
		return grant != null && grant.kind() == GrantKind.CODE && grant.expiresAt().isAfter(now);
	}

	synchronized String issueAccessToken(Instant expiresAt) {
		return issue(GrantKind.ACCESS, "shpat_", expiresAt);
	}

	synchronized String issueRefreshToken(Instant expiresAt) {
		return issue(GrantKind.REFRESH, "shprt_", expiresAt);
	}

	/** Spends a refresh token: each works once, as Shopify rotates them on every refresh. */
	synchronized boolean redeemRefreshToken(String token, Instant now) {
		Grant grant = this.grants.get(token);
		if (grant == null || grant.kind() != GrantKind.REFRESH) {
			return false;
		}
		this.grants.remove(token);
		return grant.expiresAt().isAfter(now);
	}

	synchronized boolean validAccessToken(String token, Instant now) {
		Grant grant = this.grants.get(token);
		return grant != null && grant.kind() == GrantKind.ACCESS && grant.expiresAt().isAfter(now);
	}

	/** Ends every access and refresh token at once, as a forced failure for tests and the local page. */
	synchronized void revokeTokens() {
		this.grants.values().removeIf((grant) -> grant.kind() != GrantKind.CODE);
	}

	synchronized Map<String, Grant> grants() {
		return Map.copyOf(this.grants);
	}

	synchronized void put(String token, Grant grant) {
		this.grants.put(token, grant);
	}

	private String issue(GrantKind kind, String prefix, Instant expiresAt) {
		byte[] random = new byte[16];
		RANDOM.nextBytes(random);
		String token = prefix + HexFormat.of().formatHex(random);
		this.grants.put(token, new Grant(kind, expiresAt));
		return token;
	}

	synchronized List<Location> locations() {
		return List.copyOf(this.locations.values());
	}

	synchronized void put(Location location) {
		this.locations.put(location.id(), location);
	}

	synchronized List<Product> products() {
		return List.copyOf(this.products.values());
	}

	synchronized Optional<Product> product(long id) {
		return Optional.ofNullable(this.products.get(id));
	}

	synchronized void put(Product product) {
		this.products.put(product.id(), product);
	}

	synchronized void removeProduct(long id) {
		this.products.remove(id);
		this.variants.values().removeIf((variant) -> variant.productId() == id);
	}

	synchronized List<Variant> variants() {
		return List.copyOf(this.variants.values());
	}

	synchronized Optional<Variant> variant(long id) {
		return Optional.ofNullable(this.variants.get(id));
	}

	synchronized void put(Variant variant) {
		this.variants.put(variant.id(), variant);
	}

	synchronized List<InventoryLevel> levels() {
		return List.copyOf(this.levels.values());
	}

	synchronized Optional<InventoryLevel> level(long inventoryItemId, long locationId) {
		return Optional.ofNullable(this.levels.get(List.of(inventoryItemId, locationId)));
	}

	synchronized void put(InventoryLevel level) {
		this.levels.put(List.of(level.inventoryItemId(), level.locationId()), level);
	}

	/** All orders, oldest id first. */
	synchronized List<Order> orders() {
		return new ArrayList<>(this.orders.values());
	}

	synchronized Optional<Order> order(long id) {
		return Optional.ofNullable(this.orders.get(id));
	}

	/** The order with the highest id, which is the newest. */
	synchronized Optional<Order> latestOrder() {
		return this.orders.isEmpty() ? Optional.empty() : Optional.of(this.orders.lastEntry().getValue());
	}

	synchronized void put(Order order) {
		this.orders.put(order.id(), order);
	}

	/**
	 * The shop's own sales figures per day: the orders that {@link Order#counts() count}, by the local date of
	 * {@code processed_at} in the shop's timezone; the figures the app must arrive at after syncing. Days without such
	 * orders are absent.
	 */
	synchronized SortedMap<LocalDate, DailyTotal> dailyTotals() {
		SortedMap<LocalDate, DailyTotal> totals = new TreeMap<>();
		for (Order order : this.orders.values()) {
			if (order.counts()) {
				LocalDate day = LocalDate.ofInstant(order.processedAt(), this.timezone);
				totals.merge(day, new DailyTotal(1, order.totalPrice(), order.currentTotalPrice()), DailyTotal::plus);
			}
		}
		return totals;
	}

	/**
	 * The shop's storefront sessions per local hour of the days {@code since} to {@code until} (in the shop's
	 * timezone), up to {@code now}; hours without any are absent, and a repeated hour of a fall-back day counts both
	 * times it happened. Sessions follow from the orders, each of which came from a session: {@value #SESSIONS_PER_ORDER}
	 * sessions per order placed in the hour (cancelled and test orders too), plus a few that bought nothing, scattered
	 * by the shop's domain and the hour. So they are deterministic, stay with the shop's state (its orders) without a
	 * copy that could drift, and give a conversion of a few percent.
	 */
	synchronized SortedMap<LocalDateTime, Long> sessions(LocalDate since, LocalDate until, Instant now) {
		Instant from = since.atStartOfDay(this.timezone).toInstant();
		Instant to = until.plusDays(1).atStartOfDay(this.timezone).toInstant();
		Map<Instant, Long> placed = new HashMap<>();
		for (Order order : this.orders.values()) {
			Instant at = order.processedAt();
			if (!at.isBefore(from) && at.isBefore(to) && !at.isAfter(now)) {
				placed.merge(hourStart(at), 1L, Long::sum);
			}
		}
		SortedMap<LocalDateTime, Long> sessions = new TreeMap<>();
		for (ZonedDateTime hour = from.atZone(this.timezone); hour.toInstant().isBefore(to)
				&& !hour.toInstant().isAfter(now); hour = hour.plusHours(1)) {
			long orders = placed.getOrDefault(hour.toInstant(), 0L);
			LocalDateTime local = hour.toLocalDateTime();
			long count = SESSIONS_PER_ORDER * orders
					+ Math.floorMod((this.domain + "|" + hour.toInstant()).hashCode(), 6 + 12 * orders);
			if (count > 0) {
				sessions.merge(local, count, Long::sum);
			}
		}
		return sessions;
	}

	private Instant hourStart(Instant at) {
		return at.atZone(this.timezone).truncatedTo(ChronoUnit.HOURS).toInstant();
	}

	synchronized List<WebhookSubscription> webhookSubscriptions() {
		return List.copyOf(this.webhookSubscriptions.values());
	}

	synchronized void put(WebhookSubscription subscription) {
		this.webhookSubscriptions.put(subscription.id(), subscription);
	}

	synchronized boolean removeWebhookSubscription(long id) {
		this.failuresInARow.remove(id);
		return this.webhookSubscriptions.remove(id) != null;
	}

	synchronized boolean hasWebhookSubscription(long id) {
		return this.webhookSubscriptions.containsKey(id);
	}

	/**
	 * Counts a delivery to a subscription that failed for good, every retry of it included.
	 * @return how many of its deliveries failed in a row now; 0 when the subscription is gone
	 */
	synchronized int deliveryFailed(long subscriptionId) {
		if (!hasWebhookSubscription(subscriptionId)) {
			return 0;
		}
		return this.failuresInARow.merge(subscriptionId, 1, Integer::sum);
	}

	/** A delivery to the subscription succeeded: its failures no longer count as in a row. */
	synchronized void deliverySucceeded(long subscriptionId) {
		this.failuresInARow.remove(subscriptionId);
	}

	enum GrantKind {

		CODE, ACCESS, REFRESH

	}

	/**
	 * One local day's sales.
	 * @param orders how many orders counted
	 * @param grossSales the sum of their {@code total_price}
	 * @param netSales the sum of their {@code current_total_price}, i.e. after refunds
	 */
	record DailyTotal(long orders, BigDecimal grossSales, BigDecimal netSales) {

		DailyTotal plus(DailyTotal other) {
			return new DailyTotal(this.orders + other.orders, this.grossSales.add(other.grossSales),
					this.netSales.add(other.netSales));
		}

	}

	/** An authorization code or token the simulator issued, and until when it is good. */
	record Grant(GrantKind kind, Instant expiresAt) {
	}

}
