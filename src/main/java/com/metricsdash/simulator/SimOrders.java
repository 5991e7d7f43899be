package com.metricsdash.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.metricsdash.simulator.SimModel.LineItem;
import com.metricsdash.simulator.SimModel.Order;
import com.metricsdash.simulator.SimModel.Product;
import com.metricsdash.simulator.SimModel.Refund;
import com.metricsdash.simulator.SimModel.Variant;

/**
 * How an order is made, cancelled and refunded, shared by the history generator and the store actions so that old
 * and new orders follow the same rules: the total is the sum of the line items, and what is cancelled or refunded
 * leaves {@code current_total_price} and {@code current_quantity}.
 */
final class SimOrders {

	private SimOrders() {
	}

	static LineItem lineItem(long id, Product product, Variant variant, int quantity) {
		return new LineItem(id, product.id(), variant.id(), variant.sku(), product.title(), quantity, quantity,
				variant.price());
	}

	/** A new paid order whose total is the sum of its line items. */
	static Order order(long id, String name, Instant at, boolean test, String currency, List<LineItem> lineItems) {
		BigDecimal total = lineItems.stream()
			.map((line) -> line.price().multiply(BigDecimal.valueOf(line.quantity())))
			.reduce(BigDecimal.ZERO, BigDecimal::add)
			.setScale(2, RoundingMode.HALF_EVEN);
		return new Order(id, name, at, at, at, null, test, currency, total, total, "paid", List.copyOf(lineItems),
				List.of());
	}

	/** The name after {@code previous}, e.g. {@code #1002} after {@code #1001}; {@code #1001} comes first. */
	static String nextName(String previous) {
		return "#" + ((previous != null) ? Long.parseLong(previous.substring(1)) + 1 : 1001);
	}

	/** The order cancelled at {@code at}: nothing left to pay or ship, and the payment voided. */
	static Order cancel(Order order, Instant at) {
		if (order.cancelledAt() != null) {
			throw new IllegalArgumentException("Order " + order.name() + " is cancelled already.");
		}
		return new Order(order.id(), order.name(), order.createdAt(), order.processedAt(), at, at, order.test(),
				order.currency(), order.totalPrice(), BigDecimal.ZERO.setScale(2), "voided", withoutQuantities(order),
				order.refunds());
	}

	/** The order with everything still unrefunded refunded at {@code at}. */
	static Order refund(Order order, long refundId, Instant at) {
		if (order.currentTotalPrice().signum() == 0) {
			throw new IllegalArgumentException("Order " + order.name() + " has nothing left to refund.");
		}
		List<Refund> refunds = new ArrayList<>(order.refunds());
		refunds.add(new Refund(refundId, at, order.currentTotalPrice()));
		return new Order(order.id(), order.name(), order.createdAt(), order.processedAt(), at, order.cancelledAt(),
				order.test(), order.currency(), order.totalPrice(), BigDecimal.ZERO.setScale(2), "refunded",
				withoutQuantities(order), List.copyOf(refunds));
	}

	private static List<LineItem> withoutQuantities(Order order) {
		return order.lineItems()
			.stream()
			.map((line) -> new LineItem(line.id(), line.productId(), line.variantId(), line.sku(), line.title(),
					line.quantity(), 0, line.price()))
			.toList();
	}

}
