package com.metricsdash.sales;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.metricsdash.shop.StoreRef;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way orders and refunds get into the app, whether from webhooks, the initial sync or reconciliation. Every
 * write is idempotent and ordered by Shopify's {@code updated_at} (and, within its second, by {@link OrderVersion}):
 * a version that is not later than the stored one changes nothing, so duplicates, reordering and replays all end in
 * the latest version. In the same transaction the
 * hourly rollups of the hours the change touched (the order's old and new {@code processed_at}) take the difference
 * between the stored version and the one replacing it, and {@link SalesChanged} is published. Both versions are read
 * under the store's lock, which every write of the store's orders takes, so the difference is exactly what the
 * replacement changes: a rollup stays the sum of its hour's orders without being summed again, which in a flash sale
 * had cost a sum over the whole busy hour for every batch.
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
		if (batch.isEmpty()) {
			return 0;
		}
		Map<Long, OrderSnapshot> newestInBatch = new LinkedHashMap<>();
		for (OrderSnapshot order : batch) {
			newestInBatch.merge(order.id(), order,
					(kept, other) -> other.version().isAfter(kept.version()) ? other : kept);
		}
		this.orders.lockStore(store.id());
		Map<Long, OrderRepository.StoredVersion> stored = this.orders.versions(store.id(), newestInBatch.keySet());
		Map<HourBucket, SalesRollups.Change> changes = new HashMap<>();
		List<OrderSnapshot> newer = new ArrayList<>();
		for (OrderSnapshot order : newestInBatch.values()) {
			OrderRepository.StoredVersion version = stored.get(order.id());
			if (version != null && !order.version().isAfter(version.version())) {
				continue;
			}
			if (version != null && version.counts()) {
				changes.merge(HourBucket.of(version.processedAt(), store.zone()),
						new SalesRollups.Change(-1, version.totalPrice().negate()), SalesRollups.Change::plus);
			}
			if (order.counts()) {
				changes.merge(HourBucket.of(order.processedAt(), store.zone()),
						new SalesRollups.Change(1, order.totalPrice()), SalesRollups.Change::plus);
			}
			newer.add(order);
		}
		if (newer.isEmpty()) {
			return 0;
		}
		this.orders.upsert(store.id(), newer);
		Set<Long> variants = this.orders.replaceLineItems(store.id(), newer);
		this.rollups.add(store.id(), changes);
		this.events.publishEvent(new SalesChanged(store.id(), variants));
		return newer.size();
	}

	/**
	 * Stores a refund once, whether or not its order has arrived, and keeps the order's refunded amount the sum of its
	 * refunds; returns whether the refund was new. Revenue is gross, so the rollups stay as they are.
	 */
	@Transactional
	public boolean applyRefund(StoreRef store, RefundSnapshot refund) {
		this.orders.lockStore(store.id());
		if (!this.orders.insertRefund(store.id(), refund)) {
			return false;
		}
		this.orders.updateRefundedAmount(store.id(), refund.orderId());
		this.events.publishEvent(new SalesChanged(store.id(), Set.of()));
		return true;
	}

}
