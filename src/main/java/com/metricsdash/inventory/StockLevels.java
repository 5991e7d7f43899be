package com.metricsdash.inventory;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * What is in stock and how fast it sells, for the alerts (low stock, predicted stockout from the 7-day velocity,
 * reorder point) and the dashboard. Deleted products and variants are left out.
 */
@Service
public class StockLevels {

	private final StockRepository repository;

	StockLevels(StockRepository repository) {
		this.repository = repository;
	}

	/** Every variant on sale with its stock summed over all locations, by product title. */
	public List<VariantStock> stock(UUID storeId) {
		return this.repository.stock(storeId);
	}

	/** One variant on sale with its stock, if the store has it. */
	public Optional<VariantStock> variant(UUID storeId, long variantId) {
		return this.repository.variant(storeId, variantId);
	}

	/**
	 * Up to {@code limit} variants on sale, by product title, whose product title, variant title or SKU contain the
	 * text, case ignored: what a person picking a variant types.
	 */
	public List<VariantStock> search(UUID storeId, String text, int limit) {
		return this.repository.search(storeId, text, limit);
	}

	/** The inventory items of those of the variants the store has. */
	public Set<Long> inventoryItems(UUID storeId, Collection<Long> variantIds) {
		return variantIds.isEmpty() ? Set.of() : this.repository.inventoryItems(storeId, variantIds);
	}

	/**
	 * Stock and sales of the store's tracked variants over the {@code recentDays} local days before {@code today} in
	 * the shop's timezone (days as the shop lives them: one with a daylight-saving change has 23 or 25 hours), or over
	 * the {@code longDays} for a variant in stock (or selling) on fewer than {@code minInStockDays} of the recent ones;
	 * only the variants of the given inventory items, or every one when {@code inventoryItemIds} is {@code null}. The
	 * long window is the recent one and the days before it, which are read only for the variants that need them:
	 * rebuilding stock over time costs in proportion to the days of history read (see
	 * {@code AlertEvaluationBenchmark}).
	 */
	public List<VariantSales> sales(UUID storeId, ZoneId zone, LocalDate today, int recentDays, int longDays,
			int minInStockDays, Collection<Long> inventoryItemIds) {
		LocalDate recentFrom = today.minusDays(recentDays);
		List<VariantSales> recent = this.repository.sales(storeId, zone, recentFrom, today, inventoryItemIds);
		List<Long> thin = recent.stream()
			.filter((variant) -> variant.inStockDays() < minInStockDays)
			.map(VariantSales::inventoryItemId)
			.toList();
		if (thin.isEmpty()) {
			return recent;
		}
		// The planner takes a long list of items for a few and joins them row by row: past half, read them all.
		Collection<Long> earlierItems = (thin.size() * 2 > recent.size()) ? inventoryItemIds : thin;
		Set<Long> wanted = Set.copyOf(thin);
		Map<Long, VariantSales> earlier = new HashMap<>();
		this.repository.sales(storeId, zone, today.minusDays(longDays), recentFrom, earlierItems)
			.stream()
			.filter((variant) -> wanted.contains(variant.inventoryItemId()))
			.forEach((variant) -> earlier.put(variant.variantId(), variant));
		return recent.stream()
			.map((variant) -> earlier.containsKey(variant.variantId())
					? variant.after(earlier.get(variant.variantId())) : variant)
			.toList();
	}

}
