package com.metricsdash.inventory;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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

	/**
	 * Stock and sales of the store's tracked variants, over the {@code recentDays} and the {@code longDays} local days
	 * before {@code today} in the shop's timezone (days as the shop lives them: one with a daylight-saving change has
	 * 23 or 25 hours); only the variants of the given inventory items, or every one when {@code inventoryItemIds} is
	 * {@code null}. Aggregated in one statement (about 3 s for a store of ten thousand variants with a month of history,
	 * see {@code AlertEvaluationBenchmark}: above the 2 s target).
	 */
	public List<VariantSales> sales(UUID storeId, ZoneId zone, LocalDate today, int recentDays, int longDays,
			Collection<Long> inventoryItemIds) {
		return this.repository.sales(storeId, zone, today.minusDays(recentDays), today.minusDays(longDays), today,
				inventoryItemIds);
	}

}
