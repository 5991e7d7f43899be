package com.metricsdash.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import com.metricsdash.simulator.AdminTypes.InventoryItemNode;
import com.metricsdash.simulator.AdminTypes.LocationNode;
import com.metricsdash.simulator.AdminTypes.OrderNode;
import com.metricsdash.simulator.AdminTypes.ProductNode;
import com.metricsdash.simulator.AdminTypes.ShopNode;
import com.metricsdash.simulator.AdminTypes.VariantNode;
import com.metricsdash.simulator.AdminTypes.WebhookSubscriptionNode;
import com.metricsdash.simulator.SimModel.Location;
import com.metricsdash.simulator.SimModel.Order;
import com.metricsdash.simulator.SimModel.Product;
import com.metricsdash.simulator.SimModel.WebhookSubscription;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.TypeRuntimeWiring;
import org.springframework.stereotype.Component;

/**
 * The root query fields the app reads: {@code shop}, {@code products}, {@code productVariants}, {@code locations},
 * {@code orders} (with Shopify's search filters, sort keys and the 60-day window), {@code order},
 * {@code inventoryItem}, {@code node}/{@code nodes}, {@code webhookSubscriptions}, {@code currentBulkOperation} and
 * {@code shopifyqlQuery} (see {@link Shopifyql}).
 */
@Component
@ConditionalOnSimulator
class AdminQueries {

	private final BulkOperations bulkOperations;

	AdminQueries(BulkOperations bulkOperations) {
		this.bulkOperations = bulkOperations;
	}

	TypeRuntimeWiring wiring() {
		return TypeRuntimeWiring.newTypeWiring("QueryRoot")
			.dataFetcher("shop", (env) -> new ShopNode(AdminRequest.of(env).shop()))
			.dataFetcher("products", this::products)
			.dataFetcher("productVariants", this::productVariants)
			.dataFetcher("locations", this::locations)
			.dataFetcher("orders", this::orders)
			.dataFetcher("order", (env) -> node(AdminRequest.of(env), "Order", env.getArgument("id")))
			.dataFetcher("inventoryItem", (env) -> node(AdminRequest.of(env), "InventoryItem", env.getArgument("id")))
			.dataFetcher("node", (env) -> node(AdminRequest.of(env), env.getArgument("id")))
			.dataFetcher("nodes", this::nodes)
			.dataFetcher("webhookSubscriptions", this::webhookSubscriptions)
			.dataFetcher("currentBulkOperation",
					(env) -> this.bulkOperations.current(AdminRequest.of(env).shop()).orElse(null))
			.dataFetcher("shopifyqlQuery", this::shopifyqlQuery)
			.build();
	}

	/** Refused, as at Shopify, without {@code read_reports}. */
	private Map<String, Object> shopifyqlQuery(DataFetchingEnvironment env) {
		AdminRequest request = AdminRequest.of(env);
		request.shop().countShopifyqlQuery();
		if (!request.shop().grants(Shopifyql.SCOPE)) {
			throw Shopifyql.accessDenied();
		}
		return Shopifyql.run(request.shop(), env.getArgument("query"), request.now());
	}

	private Connections.Connection products(DataFetchingEnvironment env) {
		SimShop shop = AdminRequest.of(env).shop();
		SearchQuery search = SearchQuery.parse(env.getArgument("query"), shop.timezone());
		List<Product> products = shop.products()
			.stream()
			.filter((product) -> search
				.matches(Map.of("created_at", product.createdAt(), "updated_at", product.updatedAt())))
			.toList();
		ToLongFunction<Product> sortValue = switch (String.valueOf(env.<Object>getArgument("sortKey"))) {
			case "CREATED_AT" -> (product) -> product.createdAt().toEpochMilli();
			case "UPDATED_AT" -> (product) -> product.updatedAt().toEpochMilli();
			default -> Product::id;
		};
		return Connections.page(env, "Product", products, sortValue, Product::id,
				(product) -> new ProductNode(shop, product));
	}

	private Connections.Connection productVariants(DataFetchingEnvironment env) {
		SimShop shop = AdminRequest.of(env).shop();
		SearchQuery search = SearchQuery.parse(env.getArgument("query"), shop.timezone());
		return AdminTypes.variants(env, shop, shop.variants()
			.stream()
			.filter((variant) -> search
				.matches(Map.of("created_at", variant.createdAt(), "updated_at", variant.updatedAt())))
			.toList());
	}

	private Connections.Connection locations(DataFetchingEnvironment env) {
		return Connections.page(env, "Location", AdminRequest.of(env).shop().locations(), Location::id,
				Location::id, LocationNode::new);
	}

	private Connections.Connection orders(DataFetchingEnvironment env) {
		AdminRequest request = AdminRequest.of(env);
		SimShop shop = request.shop();
		SearchQuery search = SearchQuery.parse(env.getArgument("query"), shop.timezone());
		List<Order> orders = shop.orders()
			.stream()
			.filter(request::visible)
			.filter((order) -> search.matches(Map.of("created_at", order.createdAt(), "updated_at",
					order.updatedAt(), "processed_at", order.processedAt())))
			.toList();
		Function<Order, Instant> time = switch (String.valueOf(env.<Object>getArgument("sortKey"))) {
			case "CREATED_AT" -> Order::createdAt;
			case "UPDATED_AT" -> Order::updatedAt;
			case "ID" -> null;
			default -> Order::processedAt;
		};
		ToLongFunction<Order> sortValue = (time != null) ? (order) -> time.apply(order).toEpochMilli() : Order::id;
		return Connections.page(env, "Order", orders, sortValue, Order::id, (order) -> new OrderNode(shop, order));
	}

	private List<Object> nodes(DataFetchingEnvironment env) {
		AdminRequest request = AdminRequest.of(env);
		List<String> ids = env.getArgument("ids");
		return ids.stream().map((id) -> node(request, id)).toList();
	}

	private Connections.Connection webhookSubscriptions(DataFetchingEnvironment env) {
		List<String> topics = env.getArgument("topics");
		List<WebhookSubscription> subscriptions = AdminRequest.of(env)
			.shop()
			.webhookSubscriptions()
			.stream()
			.filter((subscription) -> topics == null || topics.contains(subscription.topic()))
			.toList();
		return Connections.page(env, "WebhookSubscription", subscriptions,
				(subscription) -> subscription.createdAt().toEpochMilli(), WebhookSubscription::id,
				WebhookSubscriptionNode::new);
	}

	/** The object a global id names, if this shop holds it and the app may see it; null otherwise, as Shopify. */
	private Object node(AdminRequest request, String id) {
		return Gids.parse(id).flatMap((gid) -> lookup(request, gid)).orElse(null);
	}

	/** The object a global id names if it is of that type, as the typed root fields ({@code order(id:)}) find it. */
	private Object node(AdminRequest request, String type, String id) {
		return Gids.parse(id).filter((gid) -> gid.type().equals(type)).flatMap((gid) -> lookup(request, gid))
			.orElse(null);
	}

	private Optional<? extends GraphqlObject> lookup(AdminRequest request, Gids.Gid gid) {
		SimShop shop = request.shop();
		return switch (gid.type()) {
			case "Order" -> shop.order(gid.id()).filter(request::visible).map((order) -> new OrderNode(shop, order));
			case "Product" -> shop.product(gid.id()).map((product) -> new ProductNode(shop, product));
			case "ProductVariant" -> shop.variant(gid.id()).map((variant) -> new VariantNode(shop, variant));
			case "InventoryItem" -> shop.variants()
				.stream()
				.filter((variant) -> variant.inventoryItemId() == gid.id())
				.findFirst()
				.map((variant) -> new InventoryItemNode(shop, variant));
			case "Location" -> shop.locations()
				.stream()
				.filter((location) -> location.id() == gid.id())
				.findFirst()
				.map(LocationNode::new);
			case "WebhookSubscription" -> shop.webhookSubscriptions()
				.stream()
				.filter((subscription) -> subscription.id() == gid.id())
				.findFirst()
				.map(WebhookSubscriptionNode::new);
			case "BulkOperation" -> this.bulkOperations.find(shop, gid.id());
			default -> Optional.empty();
		};
	}

}
