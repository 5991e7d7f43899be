package com.metricsdash.inventory;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.metricsdash.inventory.CatalogRepository.WrittenVariant;
import com.metricsdash.shop.StoreRef;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way catalogue and stock get written, whether they come from a webhook, the initial sync or
 * reconciliation, so that all three obey the same rules: every apply is an idempotent upsert, an older snapshot never
 * overwrites a newer one, every change of an available quantity is kept in the inventory history, and an
 * {@link InventoryChanged} event names the inventory items touched, in the same transaction.
 */
@Service
public class Catalog {

	private final CatalogRepository repository;

	private final ApplicationEventPublisher events;

	Catalog(CatalogRepository repository, ApplicationEventPublisher events) {
		this.repository = repository;
		this.events = events;
	}

	/** Applies one product with its variants; returns whether anything changed. */
	@Transactional
	public boolean applyProduct(StoreRef store, ProductSnapshot product) {
		return applyProducts(store, List.of(product)) > 0;
	}

	/**
	 * Applies a batch of products (hundreds at a time in a sync) in two statements; returns how many of them changed
	 * anything, their own row or a variant's.
	 */
	@Transactional
	public int applyProducts(StoreRef store, List<ProductSnapshot> products) {
		if (products.isEmpty()) {
			return 0;
		}
		Set<Long> changed = new HashSet<>(this.repository.upsertProducts(store.id(), products));
		List<WrittenVariant> variants = this.repository.upsertVariants(store.id(),
				products.stream().flatMap((product) -> product.variants().stream()).toList());
		variants.forEach((variant) -> changed.add(variant.productId()));
		publish(store, variants.stream().map(WrittenVariant::inventoryItemId).filter(Objects::nonNull).toList());
		return changed.size();
	}

	/**
	 * Marks a product and its variants deleted (their rows stay, for the history of past sales); a product deleted
	 * before it was ever seen is remembered, so that a late create does not revive it.
	 */
	@Transactional
	public void deleteProduct(StoreRef store, long productId, Instant at) {
		publish(store, this.repository.markProductDeleted(store.id(), productId, at));
	}

	@Transactional
	public void applyLocations(StoreRef store, List<LocationSnapshot> locations) {
		if (!locations.isEmpty()) {
			this.repository.upsertLocations(store.id(), locations);
		}
	}

	/**
	 * Applies whether inventory items are tracked, as their own reports say; returns how many changed. A product
	 * never says so, so only this changes it.
	 */
	@Transactional
	public int applyInventoryItems(StoreRef store, List<InventoryItemSnapshot> items) {
		if (items.isEmpty()) {
			return 0;
		}
		Set<Long> changed = this.repository.upsertInventoryItems(store.id(), items);
		publish(store, changed);
		return changed.size();
	}

	/** Applies one inventory level; returns whether it changed. */
	@Transactional
	public boolean applyLevel(StoreRef store, InventoryLevelSnapshot level) {
		return applyLevels(store, List.of(level)) > 0;
	}

	/** Applies a batch of inventory levels; returns how many inventory items changed. */
	@Transactional
	public int applyLevels(StoreRef store, List<InventoryLevelSnapshot> levels) {
		if (levels.isEmpty()) {
			return 0;
		}
		Set<Long> changed = this.repository.upsertLevels(store.id(), levels);
		publish(store, changed);
		return changed.size();
	}

	private void publish(StoreRef store, Collection<Long> inventoryItemIds) {
		if (!inventoryItemIds.isEmpty()) {
			this.events.publishEvent(new InventoryChanged(store.id(), new HashSet<>(inventoryItemIds)));
		}
	}

}
