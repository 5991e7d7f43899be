package com.metricsdash.inventory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@RecordApplicationEvents
class CatalogTests {

	static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

	@Autowired
	Catalog catalog;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Stores stores;

	@Autowired
	ApplicationEvents applicationEvents;

	InventoryDb db;

	StoreRef store;

	@BeforeEach
	void newStore() {
		this.db = new InventoryDb(this.jdbc, this.stores);
		this.store = this.db.newStore();
	}

	private List<InventoryChanged> events() {
		return this.applicationEvents.stream(InventoryChanged.class).toList();
	}

	@Test
	void aNewerProductUpdateIsAppliedAnOlderOneIgnoredAndARedeliveryChangesNothing() {
		assertThat(this.catalog.applyProduct(this.store, product("Tee", T0))).isTrue();
		assertThat(this.catalog.applyProduct(this.store, product("Tee v2", T0.plusSeconds(60)))).isTrue();
		assertThat(this.catalog.applyProduct(this.store, product("Tee v1 late", T0.plusSeconds(30)))).isFalse();
		assertThat(this.catalog.applyProduct(this.store, product("Tee v2", T0.plusSeconds(60)))).isFalse();

		assertThat(this.db.productTitle(this.store, 1)).isEqualTo("Tee v2");
		assertThat(this.jdbc.sql("select title || ' ' || price from product_variant where store_id = :id")
			.param("id", this.store.id())
			.query(String.class)
			.single()).isEqualTo("M 60.0000");
		assertThat(this.jdbc.sql("select variant_id from inventory_item where store_id = :id and shopify_id = 100")
			.param("id", this.store.id())
			.query(Long.class)
			.single()).isEqualTo(10L);
	}

	@Test
	void onlyTheInventoryItemSaysWhetherStockIsTrackedAndAProductUpdateLeavesItAlone() {
		this.catalog.applyProduct(this.store, product("Tee", T0));
		assertThat(tracked()).as("a new variant's stock counts as tracked, Shopify's default").isTrue();

		assertThat(this.catalog.applyInventoryItems(this.store,
				List.of(new InventoryItemSnapshot(100, false, T0.plusSeconds(10))))).isOne();
		this.catalog.applyProduct(this.store, product("Tee v2", T0.plusSeconds(60)));
		assertThat(tracked()).as("a product update says nothing of tracking").isFalse();

		assertThat(this.catalog.applyInventoryItems(this.store,
				List.of(new InventoryItemSnapshot(100, true, T0.plusSeconds(5))))).as("an older report").isZero();
		assertThat(this.catalog.applyInventoryItems(this.store,
				List.of(new InventoryItemSnapshot(100, false, T0.plusSeconds(10))))).as("a redelivery").isZero();
		assertThat(tracked()).isFalse();
		assertThat(this.catalog.applyInventoryItems(this.store,
				List.of(new InventoryItemSnapshot(100, true, T0.plusSeconds(90))))).isOne();
		assertThat(tracked()).isTrue();
		assertThat(events()).last().satisfies((event) -> assertThat(event.inventoryItemIds()).containsExactly(100L));
	}

	@Test
	void anInventoryItemReportedBeforeItsVariantKeepsItsTrackingWhenTheVariantArrives() {
		this.catalog.applyInventoryItems(this.store, List.of(new InventoryItemSnapshot(100, false, T0)));
		this.catalog.applyProduct(this.store, product("Tee", T0.plusSeconds(60)));

		assertThat(tracked()).isFalse();
		assertThat(this.jdbc.sql("select variant_id from inventory_item where store_id = :id and shopify_id = 100")
			.param("id", this.store.id())
			.query(Long.class)
			.single()).isEqualTo(10L);
	}

	private boolean tracked() {
		return this.jdbc.sql("select tracked from inventory_item where store_id = :id and shopify_id = 100")
			.param("id", this.store.id())
			.query(Boolean.class)
			.single();
	}

	@Test
	void aDeletedProductAndItsVariantsStayDeletedWhateverArrivesLate() {
		this.catalog.applyProduct(this.store, product("Tee", T0));
		this.catalog.deleteProduct(this.store, 1, T0.plusSeconds(120));
		this.catalog.applyProduct(this.store, product("Tee late", T0.plusSeconds(60)));
		this.catalog.deleteProduct(this.store, 2, T0);
		this.catalog.applyProduct(this.store, new ProductSnapshot(2, "Created after its delete arrived", "ACTIVE", T0,
				List.of(new VariantSnapshot(20, 2, "S", "X", BigDecimal.ONE, 200L, T0))));

		assertThat(this.db.productDeleted(this.store, 1)).isTrue();
		assertThat(this.db.productTitle(this.store, 1)).isEqualTo("Tee");
		assertThat(this.db.productDeleted(this.store, 2)).isTrue();
		assertThat(this.jdbc.sql("select count(*) from product_variant where store_id = :id and deleted_at is null")
			.param("id", this.store.id())
			.query(Integer.class)
			.single()).isZero();
		assertThat(events()).extracting(InventoryChanged::inventoryItemIds).contains(Set.of(100L));
	}

	@Test
	void historyRecordsTheFirstLevelAndEveryChangeOfAvailableOnly() {
		apply(10, T0);
		apply(10, T0);
		apply(7, T0.plusSeconds(10));
		apply(9, T0.plusSeconds(5));
		this.catalog.applyLevel(this.store, new InventoryLevelSnapshot(100, 5, 7, 12, 5, T0.plusSeconds(20), null));
		apply(4, T0.plusSeconds(30));

		assertThat(this.db.history(this.store, 100, 5)).containsExactly("10 0", "7 -3", "4 -3");
		assertThat(this.jdbc.sql("select on_hand || ' ' || committed from inventory_level where store_id = :id")
			.param("id", this.store.id())
			.query(String.class)
			.single()).isEqualTo("12 5");
		assertThat(events()).hasSize(4).allMatch((event) -> event.inventoryItemIds().equals(Set.of(100L)));
	}

	@Test
	void twoChangesWithinOneSecondAreBothKeptInDeliveryOrder() {
		apply(10, T0);
		apply(8, T0);

		assertThat(this.db.history(this.store, 100, 5)).containsExactly("10 0", "8 -2");
	}

	@Test
	void twoWebhooksOfOneSecondArrivingInEitherOrderEndAtTheOneTriggeredLast() {
		deliver(10, T0, T0.plusMillis(100));
		deliver(8, T0, T0.plusMillis(700));
		deliver(9, T0, T0.plusMillis(400));
		assertThat(this.db.levels(this.store)).containsValue(8);

		deliver(4, T0.plusSeconds(1), T0.plusMillis(1_200));
		apply(5, T0.plusSeconds(1));
		assertThat(this.db.levels(this.store)).as("a read from the Admin API of the same second").containsValue(5);
	}

	@Test
	void aBatchOfLevelsIsOneUpsertAndCountsTheItemsItChanged() {
		List<InventoryLevelSnapshot> levels = new ArrayList<>();
		for (long item = 1; item <= 300; item++) {
			levels.add(new InventoryLevelSnapshot(item, 1, (int) item, null, null, T0, null));
			levels.add(new InventoryLevelSnapshot(item, 2, 1, null, null, T0, null));
		}

		assertThat(this.catalog.applyLevels(this.store, levels)).isEqualTo(300);
		assertThat(this.catalog.applyLevels(this.store, levels)).isZero();
		assertThat(this.db.count("inventory_level", this.store)).isEqualTo(600);
		assertThat(this.db.count("inventory_history", this.store)).isEqualTo(600);
	}

	@Test
	void locationsAreUpsertedByTheirId() {
		this.catalog.applyLocations(this.store, List.of(new LocationSnapshot(5, "Warehouse", true)));
		this.catalog.applyLocations(this.store,
				List.of(new LocationSnapshot(5, "Old warehouse", false), new LocationSnapshot(6, "Shop", true)));

		assertThat(this.jdbc.sql("select name || ' ' || active from location where store_id = :id order by shopify_id")
			.param("id", this.store.id())
			.query(String.class)
			.list()).containsExactly("Old warehouse false", "Shop true");
	}

	private void apply(int available, Instant at) {
		this.catalog.applyLevel(this.store, new InventoryLevelSnapshot(100, 5, available, null, null, at, null));
	}

	private void deliver(int available, Instant at, Instant triggeredAt) {
		this.catalog.applyLevel(this.store, new InventoryLevelSnapshot(100, 5, available, null, null, at, triggeredAt));
	}

	private static ProductSnapshot product(String title, Instant at) {
		return new ProductSnapshot(1, title, "ACTIVE", at,
				List.of(new VariantSnapshot(10, 1, "M", "TEE-M", new BigDecimal("60.00"), 100L, at)));
	}

}
