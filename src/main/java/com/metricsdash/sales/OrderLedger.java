package com.metricsdash.sales;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.metricsdash.shop.StoreRef;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way orders and refunds get into the app, whether from webhooks, the initial sync or reconciliation. Every
 * write is idempotent and ordered by Shopify's {@code updated_at} (and, within its second, by {@link OrderVersion}):
 * a version that is not later than the stored one changes nothing, so duplicates, reordering and replays all end in
 * the latest version. In the same transaction the rollups of the hours and minutes the change touched (the order's old
 * and new {@code processed_at}) take the difference between the stored version and the one replacing it, and
 * {@link SalesChanged} is published. Both versions are read under the store's lock, which every write of the store's
 * orders takes, so the difference is exactly what the replacement changes: a rollup stays the sum of its hour's (or
 * minute's) orders without being summed again, which in a flash sale had cost a sum over the whole busy hour for
 * every batch.
 */
@Service
public class OrderLedger {

	private final OrderRepository orders;

	private final SalesRollups rollups;

	private final ApplicationEventPublisher events;

	OrderLedger(OrderRepository orders, SalesRollups rollups, ApplicationEventPublisher events) {
		this.orders = orders;
		this.rollups = rollups;
		this.events = events;
	}

	/** Applies one version of an order; returns whether it was newer than what the store held. */
	@Transactional
	public boolean apply(StoreRef store, OrderSnapshot order) {
		return applyAll(store, List.of(order)) == 1;
	}

	/**
	 * Applies a batch of order versions (up to about a thousand, as the initial sync reads them) with one statement
	 * per kind of row and one recomputation per touched hour; returns how many orders changed.
	 */
	@Transactional
	public int applyAll(StoreRef store, List<OrderSnapshot> batch) {
		return applyAll(Map.of(store, batch));
	}

	/**
	 * Applies batches of several stores' order versions together, as the webhook worker takes them: one statement per
	 * kind of row for them all, however many stores they are of; returns how many orders changed.
	 */
	@Transactional
	public int applyAll(Map<StoreRef, List<OrderSnapshot>> batches) {
		Map<StoreRef, Map<Long, OrderSnapshot>> newestInBatch = new LinkedHashMap<>();
		batches.forEach((store, batch) -> batch.forEach((order) -> newestInBatch
			.computeIfAbsent(store, (key) -> new LinkedHashMap<>())
			.merge(order.id(), order, (kept, other) -> other.version().isAfter(kept.version()) ? other : kept)));
		if (newestInBatch.isEmpty()) {
			return 0;
		}
		Map<UUID, Set<Long>> orderIds = new LinkedHashMap<>();
		newestInBatch.forEach((store, orders) -> orderIds.put(store.id(), orders.keySet()));
		this.orders.lockStores(orderIds.keySet());
		Map<UUID, Map<Long, OrderRepository.StoredVersion>> stored = this.orders.versions(orderIds);
		Map<UUID, SalesRollups.Changes> changes = new LinkedHashMap<>();
		Map<UUID, List<OrderSnapshot>> newer = new LinkedHashMap<>();
		newestInBatch.forEach((store, orders) -> {
			Map<Long, OrderRepository.StoredVersion> versions = stored.getOrDefault(store.id(), Map.of());
			SalesRollups.Changes sales = new SalesRollups.Changes();
			for (OrderSnapshot order : orders.values()) {
				OrderRepository.StoredVersion version = versions.get(order.id());
				if (version != null && !order.version().isAfter(version.version())) {
					continue;
				}
				if (version != null && version.counts()) {
					sales.add(version.processedAt(), store.zone(),
							new SalesRollups.Change(-1, version.totalPrice().negate()));
				}
				if (order.counts()) {
					sales.add(order.processedAt(), store.zone(), new SalesRollups.Change(1, order.totalPrice()));
				}
				newer.computeIfAbsent(store.id(), (key) -> new ArrayList<>()).add(order);
			}
			changes.put(store.id(), sales);
		});
		if (newer.isEmpty()) {
			return 0;
		}
		this.orders.upsert(newer);
		Map<UUID, Set<Long>> variants = this.orders.replaceLineItems(newer);
		this.rollups.add(changes);
		newer.keySet()
			.forEach((storeId) -> this.events
				.publishEvent(new SalesChanged(storeId, variants.getOrDefault(storeId, Set.of()))));
		return newer.values().stream().mapToInt(List::size).sum();
	}

	/**
	 * Stores a refund once, whether or not its order has arrived, and keeps the order's refunded amount the sum of its
	 * refunds; returns whether the refund was new. Revenue is gross, so the rollups stay as they are.
	 */
	@Transactional
	public boolean applyRefund(StoreRef store, RefundSnapshot refund) {
		this.orders.lockStores(List.of(store.id()));
		if (!this.orders.insertRefund(store.id(), refund)) {
			return false;
		}
		this.orders.updateRefundedAmount(store.id(), refund.orderId());
		this.events.publishEvent(new SalesChanged(store.id(), Set.of()));
		return true;
	}

}
