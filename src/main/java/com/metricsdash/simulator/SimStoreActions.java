package com.metricsdash.simulator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.metricsdash.simulator.SimModel.InventoryLevel;
import com.metricsdash.simulator.SimModel.LineItem;
import com.metricsdash.simulator.SimModel.Location;
import com.metricsdash.simulator.SimModel.Order;
import com.metricsdash.simulator.SimModel.Product;
import com.metricsdash.simulator.SimModel.Refund;
import com.metricsdash.simulator.SimModel.Variant;
import com.metricsdash.simulator.SimWebhooks.Message;

import org.springframework.stereotype.Component;

/**
 * What happens in a shop after it was set up — orders placed, cancelled and refunded, stock moved, products changed,
 * the app uninstalled — each applied to the shop's data and announced with the webhooks Shopify sends for it. The
 * local page, the live generator and tests all change shops through here. Bad input (an unknown variant, an order
 * that cannot be refunded) is an {@link IllegalArgumentException} with a sentence a person can read.
 */
@Component
@ConditionalOnSimulator
class SimStoreActions {

	private final SimWebhooks webhooks;

	private final Clock clock;

	SimStoreActions(SimWebhooks webhooks, Clock clock) {
		this.webhooks = webhooks;
		this.clock = clock;
	}

	/**
	 * Places a paid order now for the given quantities of variants (variant id to quantity, in line order), taking
	 * the stock from the location that has most of each variant. Sends {@code orders/create}, {@code orders/paid} and
	 * an {@code inventory_levels/update} per tracked line, as one event.
	 */
	Order placeOrder(SimShop shop, Map<Long, Integer> quantities) {
		if (quantities.isEmpty()) {
			throw new IllegalArgumentException("An order needs at least one line item.");
		}
		Instant now = this.clock.instant();
		Order order;
		List<InventoryLevel> changed = new ArrayList<>();
		synchronized (shop) {
			List<LineItem> lines = new ArrayList<>();
			quantities.forEach((variantId, quantity) -> {
				if (quantity < 1) {
					throw new IllegalArgumentException("The quantity of each line must be 1 or more.");
				}
				Variant variant = variant(shop, variantId);
				Product product = shop.product(variant.productId()).orElseThrow();
				lines.add(SimOrders.lineItem(shop.nextId(), product, variant, quantity));
			});
			order = SimOrders.order(shop.nextId(), SimOrders.nextName(shop.latestOrder().map(Order::name).orElse(null)),
					now, false, shop.currency(), lines);
			shop.put(order);
			for (LineItem line : lines) {
				Variant variant = variant(shop, line.variantId());
				if (variant.tracked()) {
					InventoryLevel fullest = shop.levels()
						.stream()
						.filter((level) -> level.inventoryItemId() == variant.inventoryItemId())
						.max(Comparator.comparingInt(InventoryLevel::available))
						.orElseThrow(() -> new IllegalArgumentException(
								"Variant " + variant.id() + " is stocked at no location."));
					changed.add(move(shop, fullest, -line.quantity(), now));
				}
			}
		}
		Map<String, Object> payload = SimPayloads.order(shop, order);
		List<Message> messages = new ArrayList<>(List.of(new Message("orders/create", payload),
				new Message("orders/paid", payload)));
		changed.forEach((level) -> messages
			.add(new Message("inventory_levels/update", SimPayloads.inventoryLevel(shop, level))));
		this.webhooks.publish(shop, messages);
		return order;
	}

	/** Places an order of one to three random variants, one or two of each. */
	Order placeRandomOrder(SimShop shop, Random random) {
		List<Variant> variants = shop.variants();
		if (variants.isEmpty()) {
			throw new IllegalArgumentException(shop.domain() + " has no products to order.");
		}
		Map<Long, Integer> quantities = new LinkedHashMap<>();
		int lines = 1 + random.nextInt(3);
		for (int i = 0; i < lines; i++) {
			quantities.put(variants.get(random.nextInt(variants.size())).id(), 1 + random.nextInt(2));
		}
		return placeOrder(shop, quantities);
	}

	/** Cancels an order: sends {@code orders/cancelled} and {@code orders/updated}, as one event. */
	Order cancelOrder(SimShop shop, long orderId) {
		Order cancelled;
		synchronized (shop) {
			cancelled = SimOrders.cancel(order(shop, orderId), this.clock.instant());
			shop.put(cancelled);
		}
		Map<String, Object> payload = SimPayloads.order(shop, cancelled);
		this.webhooks.publish(shop,
				List.of(new Message("orders/cancelled", payload), new Message("orders/updated", payload)));
		return cancelled;
	}

	/** Refunds what is left of an order: sends {@code refunds/create} and {@code orders/updated}, as one event. */
	Order refundOrder(SimShop shop, long orderId) {
		Order refunded;
		synchronized (shop) {
			refunded = SimOrders.refund(order(shop, orderId), shop.nextId(), this.clock.instant());
			shop.put(refunded);
		}
		Refund refund = refunded.refunds().get(refunded.refunds().size() - 1);
		this.webhooks.publish(shop, List.of(new Message("refunds/create", SimPayloads.refund(shop, refunded, refund)),
				new Message("orders/updated", SimPayloads.order(shop, refunded))));
		return refunded;
	}

	/** Adds {@code delta} (negative to take away) to a variant's stock at a location: sends {@code inventory_levels/update}. */
	InventoryLevel adjustInventory(SimShop shop, long variantId, long locationId, int delta) {
		InventoryLevel changed;
		synchronized (shop) {
			Variant variant = variant(shop, variantId);
			Location location = shop.locations()
				.stream()
				.filter((candidate) -> candidate.id() == locationId)
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException(
						"There is no location " + locationId + " in " + shop.domain() + "."));
			InventoryLevel level = shop.level(variant.inventoryItemId(), location.id())
				.orElseGet(() -> new InventoryLevel(variant.inventoryItemId(), location.id(), 0, 0, 0, null));
			changed = move(shop, level, delta, this.clock.instant());
		}
		this.webhooks.publish(shop, "inventory_levels/update", SimPayloads.inventoryLevel(shop, changed));
		return changed;
	}

	/**
	 * Adds a product with one tracked variant, out of stock everywhere: sends {@code products/create} and
	 * {@code inventory_items/create} for the variant's inventory item, as one event.
	 */
	Product createProduct(SimShop shop, String title, BigDecimal price) {
		Instant now = this.clock.instant();
		Product product;
		Variant variant;
		synchronized (shop) {
			product = new Product(shop.nextId(), requireTitle(title), "ACTIVE", shop.name(), "", now, now);
			shop.put(product);
			variant = new Variant(shop.nextId(), product.id(), "Default Title", "", price, shop.nextId(), true,
					now, now);
			shop.put(variant);
			shop.locations()
				.forEach((location) -> shop
					.put(new InventoryLevel(variant.inventoryItemId(), location.id(), 0, 0, 0, now)));
		}
		this.webhooks.publish(shop, List.of(productMessage(shop, "products/create", product),
				new Message("inventory_items/create", SimPayloads.inventoryItem(shop, variant))));
		return product;
	}

	/**
	 * Switches whether Shopify tracks a variant's stock (its inventory item's {@code tracked}): sends
	 * {@code inventory_items/update}. An untracked variant's orders take no stock.
	 */
	Variant trackInventory(SimShop shop, long variantId, boolean tracked) {
		Variant changed;
		synchronized (shop) {
			Variant variant = variant(shop, variantId);
			changed = new Variant(variant.id(), variant.productId(), variant.title(), variant.sku(), variant.price(),
					variant.inventoryItemId(), tracked, variant.createdAt(), this.clock.instant());
			shop.put(changed);
		}
		this.webhooks.publish(shop, "inventory_items/update", SimPayloads.inventoryItem(shop, changed));
		return changed;
	}

	/** Renames a product: sends {@code products/update}. */
	Product updateProduct(SimShop shop, long productId, String title) {
		Product updated;
		synchronized (shop) {
			Product product = product(shop, productId);
			updated = new Product(product.id(), requireTitle(title), product.status(), product.vendor(),
					product.productType(), product.createdAt(), this.clock.instant());
			shop.put(updated);
		}
		this.webhooks.publish(shop, List.of(productMessage(shop, "products/update", updated)));
		return updated;
	}

	/** Deletes a product and its variants: sends {@code products/delete}. */
	void deleteProduct(SimShop shop, long productId) {
		synchronized (shop) {
			shop.removeProduct(product(shop, productId).id());
		}
		this.webhooks.publish(shop, "products/delete", SimPayloads.deletedProduct(productId));
	}

	/** The merchant removes the app: {@code app/uninstalled} goes out, then tokens and subscriptions are gone. */
	void uninstall(SimShop shop) {
		if (!shop.installed()) {
			throw new IllegalArgumentException("The app is not installed in " + shop.domain() + ".");
		}
		this.webhooks.publish(shop, "app/uninstalled", SimPayloads.shop(shop));
		shop.installed(false);
	}

	private static Message productMessage(SimShop shop, String topic, Product product) {
		List<Variant> variants = shop.variants()
			.stream()
			.filter((variant) -> variant.productId() == product.id())
			.toList();
		return new Message(topic, SimPayloads.product(shop, product, variants));
	}

	/** Changes available and on-hand stock alike, as a sale shipped at once or a count correction does. */
	private static InventoryLevel move(SimShop shop, InventoryLevel level, int delta, Instant now) {
		InventoryLevel moved = new InventoryLevel(level.inventoryItemId(), level.locationId(),
				level.available() + delta, level.onHand() + delta, level.committed(), now);
		shop.put(moved);
		return moved;
	}

	private static Variant variant(SimShop shop, long variantId) {
		return shop.variant(variantId)
			.orElseThrow(() -> new IllegalArgumentException(
					"There is no variant " + variantId + " in " + shop.domain() + "."));
	}

	private static Product product(SimShop shop, long productId) {
		return shop.product(productId)
			.orElseThrow(() -> new IllegalArgumentException(
					"There is no product " + productId + " in " + shop.domain() + "."));
	}

	private static Order order(SimShop shop, long orderId) {
		return shop.order(orderId)
			.orElseThrow(() -> new IllegalArgumentException(
					"There is no order " + orderId + " in " + shop.domain() + "."));
	}

	private static String requireTitle(String title) {
		if (title == null || title.isBlank()) {
			throw new IllegalArgumentException("A product needs a title.");
		}
		return title.strip();
	}

}
