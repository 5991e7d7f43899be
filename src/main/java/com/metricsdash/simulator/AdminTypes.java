package com.metricsdash.simulator;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.metricsdash.simulator.SimModel.InventoryLevel;
import com.metricsdash.simulator.SimModel.LineItem;
import com.metricsdash.simulator.SimModel.Location;
import com.metricsdash.simulator.SimModel.Order;
import com.metricsdash.simulator.SimModel.Product;
import com.metricsdash.simulator.SimModel.Refund;
import com.metricsdash.simulator.SimModel.Variant;
import com.metricsdash.simulator.SimModel.WebhookSubscription;
import graphql.schema.DataFetchingEnvironment;

/**
 * The Admin API's view of the simulator's records: each type answers the fields the app reads, with Shopify's shapes
 * (global ids, {@code legacyResourceId}, money bags); anything else resolves to null.
 */
final class AdminTypes {

	private AdminTypes() {
	}

	/** A {@code MoneyBag}: the shop's money and, the simulator having one currency, the same as presentment money. */
	static Map<String, Object> moneyBag(BigDecimal amount, String currency) {
		Map<String, Object> money = Map.of("amount", amount, "currencyCode", currency);
		return Map.of("shopMoney", money, "presentmentMoney", money);
	}

	static Connections.Connection variants(DataFetchingEnvironment env, SimShop shop, List<Variant> variants) {
		return Connections.page(env, "ProductVariant", variants, Variant::id, Variant::id,
				(variant) -> new VariantNode(shop, variant));
	}

	/** The shop; simulated shops have no number, so its id derives from the domain, which keeps it stable. */
	record ShopNode(SimShop shop) implements GraphqlObject {

		@Override
		public String typeName() {
			return "Shop";
		}

		@Override
		public Object field(String name, DataFetchingEnvironment env) {
			return switch (name) {
				case "id" -> Gids.of("Shop", Integer.toUnsignedLong(this.shop.domain().hashCode()));
				case "name" -> this.shop.name();
				case "myshopifyDomain" -> this.shop.domain();
				case "ianaTimezone" -> this.shop.timezone().getId();
				case "currencyCode" -> this.shop.currency();
				default -> null;
			};
		}

	}

	record ProductNode(SimShop shop, Product product) implements GraphqlObject {

		@Override
		public String typeName() {
			return "Product";
		}

		@Override
		public Object field(String name, DataFetchingEnvironment env) {
			return switch (name) {
				case "id" -> Gids.of("Product", this.product.id());
				case "legacyResourceId" -> this.product.id();
				case "title" -> this.product.title();
				case "status" -> this.product.status().toUpperCase();
				case "vendor" -> this.product.vendor();
				case "productType" -> this.product.productType();
				case "createdAt" -> this.product.createdAt();
				case "updatedAt" -> this.product.updatedAt();
				case "variants" -> variants(env, this.shop, this.shop.variants()
					.stream()
					.filter((variant) -> variant.productId() == this.product.id())
					.toList());
				default -> null;
			};
		}

	}

	record VariantNode(SimShop shop, Variant variant) implements GraphqlObject {

		@Override
		public String typeName() {
			return "ProductVariant";
		}

		@Override
		public Object field(String name, DataFetchingEnvironment env) {
			return switch (name) {
				case "id" -> Gids.of("ProductVariant", this.variant.id());
				case "legacyResourceId" -> this.variant.id();
				case "title" -> this.variant.title();
				case "displayName" -> this.variant.title();
				case "sku" -> this.variant.sku();
				case "price" -> this.variant.price();
				case "createdAt" -> this.variant.createdAt();
				case "updatedAt" -> this.variant.updatedAt();
				case "product" -> this.shop.product(this.variant.productId())
					.map((product) -> new ProductNode(this.shop, product))
					.orElse(null);
				case "inventoryItem" -> new InventoryItemNode(this.shop, this.variant);
				default -> null;
			};
		}

	}

	/** An inventory item, 1:1 with its variant; the simulator keeps its fields on the variant. */
	record InventoryItemNode(SimShop shop, Variant variant) implements GraphqlObject {

		@Override
		public String typeName() {
			return "InventoryItem";
		}

		@Override
		public Object field(String name, DataFetchingEnvironment env) {
			return switch (name) {
				case "id" -> Gids.of("InventoryItem", this.variant.inventoryItemId());
				case "legacyResourceId" -> this.variant.inventoryItemId();
				case "sku" -> this.variant.sku();
				case "tracked" -> this.variant.tracked();
				case "createdAt" -> this.variant.createdAt();
				case "updatedAt" -> this.variant.updatedAt();
				case "variant" -> new VariantNode(this.shop, this.variant);
				case "inventoryLevels" -> Connections.page(env, "InventoryLevel", this.shop.levels()
					.stream()
					.filter((level) -> level.inventoryItemId() == this.variant.inventoryItemId())
					.toList(), InventoryLevel::locationId, InventoryLevel::locationId,
						(level) -> new InventoryLevelNode(this.shop, level));
				default -> null;
			};
		}

	}

	record InventoryLevelNode(SimShop shop, InventoryLevel level) implements GraphqlObject {

		@Override
		public String typeName() {
			return "InventoryLevel";
		}

		@Override
		public Object field(String name, DataFetchingEnvironment env) {
			return switch (name) {
				case "id" -> "gid://shopify/InventoryLevel/" + this.level.locationId() + "?inventory_item_id="
						+ this.level.inventoryItemId();
				case "updatedAt" -> this.level.updatedAt();
				case "location" -> this.shop.locations()
					.stream()
					.filter((location) -> location.id() == this.level.locationId())
					.findFirst()
					.map(LocationNode::new)
					.orElse(null);
				case "item" -> this.shop.variants()
					.stream()
					.filter((variant) -> variant.inventoryItemId() == this.level.inventoryItemId())
					.findFirst()
					.map((variant) -> new InventoryItemNode(this.shop, variant))
					.orElse(null);
				case "quantities" -> quantities(env.getArgument("names"));
				default -> null;
			};
		}

		/** The named quantities; states the simulator does not track (incoming, reserved, ...) are 0. */
		private List<Map<String, Object>> quantities(List<String> names) {
			return names.stream().map((quantityName) -> {
				int quantity = switch (quantityName) {
					case "available" -> this.level.available();
					case "on_hand" -> this.level.onHand();
					case "committed" -> this.level.committed();
					default -> 0;
				};
				Map<String, Object> result = new LinkedHashMap<>();
				result.put("name", quantityName);
				result.put("quantity", quantity);
				result.put("updatedAt", this.level.updatedAt());
				return result;
			}).toList();
		}

	}

	record LocationNode(Location location) implements GraphqlObject {

		@Override
		public String typeName() {
			return "Location";
		}

		@Override
		public Object field(String name, DataFetchingEnvironment env) {
			return switch (name) {
				case "id" -> Gids.of("Location", this.location.id());
				case "legacyResourceId" -> this.location.id();
				case "name" -> this.location.name();
				case "isActive" -> true;
				default -> null;
			};
		}

	}

	record OrderNode(SimShop shop, Order order) implements GraphqlObject {

		@Override
		public String typeName() {
			return "Order";
		}

		@Override
		public Object field(String name, DataFetchingEnvironment env) {
			return switch (name) {
				case "id" -> Gids.of("Order", this.order.id());
				case "legacyResourceId" -> this.order.id();
				case "name" -> this.order.name();
				case "createdAt" -> this.order.createdAt();
				case "processedAt" -> this.order.processedAt();
				case "updatedAt" -> this.order.updatedAt();
				case "cancelledAt" -> this.order.cancelledAt();
				case "test" -> this.order.test();
				case "currencyCode" -> this.order.currency();
				case "totalPriceSet" -> moneyBag(this.order.totalPrice(), this.order.currency());
				case "currentTotalPriceSet" -> moneyBag(this.order.currentTotalPrice(), this.order.currency());
				case "displayFinancialStatus" -> this.order.financialStatus().toUpperCase();
				case "lineItems" -> Connections.page(env, "LineItem", this.order.lineItems(), LineItem::id,
						LineItem::id, (item) -> new LineItemNode(this.shop, this.order.currency(), item));
				case "refunds" -> refunds(env.getArgument("first"));
				default -> null;
			};
		}

		private List<RefundNode> refunds(Integer first) {
			return this.order.refunds()
				.stream()
				.limit((first != null) ? first : Long.MAX_VALUE)
				.map((refund) -> new RefundNode(refund, this.order.currency()))
				.toList();
		}

	}

	record LineItemNode(SimShop shop, String currency, LineItem item) implements GraphqlObject {

		@Override
		public String typeName() {
			return "LineItem";
		}

		@Override
		public Object field(String name, DataFetchingEnvironment env) {
			return switch (name) {
				case "id" -> Gids.of("LineItem", this.item.id());
				case "sku" -> this.item.sku();
				case "title", "name" -> this.item.title();
				case "quantity" -> this.item.quantity();
				case "currentQuantity" -> this.item.currentQuantity();
				case "variant" -> this.shop.variant(this.item.variantId())
					.map((variant) -> new VariantNode(this.shop, variant))
					.orElse(null);
				case "product" -> this.shop.product(this.item.productId())
					.map((product) -> new ProductNode(this.shop, product))
					.orElse(null);
				case "originalUnitPriceSet" -> moneyBag(this.item.price(), this.currency);
				default -> null;
			};
		}

	}

	record RefundNode(Refund refund, String currency) implements GraphqlObject {

		@Override
		public String typeName() {
			return "Refund";
		}

		@Override
		public Object field(String name, DataFetchingEnvironment env) {
			return switch (name) {
				case "id" -> Gids.of("Refund", this.refund.id());
				case "legacyResourceId" -> this.refund.id();
				case "createdAt", "updatedAt" -> this.refund.createdAt();
				case "totalRefundedSet" -> moneyBag(this.refund.amount(), this.currency);
				default -> null;
			};
		}

	}

	/** A subscription: {@code uri} since 2025-07, and the deprecated {@code callbackUrl} and {@code endpoint}. */
	record WebhookSubscriptionNode(WebhookSubscription subscription) implements GraphqlObject {

		@Override
		public String typeName() {
			return "WebhookSubscription";
		}

		@Override
		public Object field(String name, DataFetchingEnvironment env) {
			return switch (name) {
				case "id" -> Gids.of("WebhookSubscription", this.subscription.id());
				case "legacyResourceId" -> this.subscription.id();
				case "topic" -> this.subscription.topic();
				case "uri", "callbackUrl" -> this.subscription.uri();
				case "endpoint" -> new HttpEndpoint(this.subscription.uri());
				case "format" -> "JSON";
				case "includeFields", "metafieldNamespaces" -> List.of();
				case "createdAt" -> this.subscription.createdAt();
				case "updatedAt" -> this.subscription.updatedAt();
				default -> null;
			};
		}

	}

	record HttpEndpoint(String callbackUrl) implements GraphqlObject {

		@Override
		public String typeName() {
			return "WebhookHttpEndpoint";
		}

		@Override
		public Object field(String name, DataFetchingEnvironment env) {
			return name.equals("callbackUrl") ? this.callbackUrl : null;
		}

	}

}
