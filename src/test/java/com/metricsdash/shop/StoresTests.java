package com.metricsdash.shop;

import java.time.ZoneId;
import java.util.UUID;

import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store looked up by its shop is not read again by its id in the same request, and is read again in the next one.
 * Told apart by a change made to the row between the two lookups, which only a second read would see.
 */
@IntegrationTest
class StoresTests {

	@Autowired
	Stores stores;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void endRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void aStoreLookedUpByItsShopIsNotReadAgainByItsIdInTheSameRequest() {
		String shop = "lookups-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		UUID storeId = new StoreSeeds(this.context).install(shop, ZoneId.of("Europe/Paris"), "EUR");

		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
		assertThat(this.stores.installed(new ShopDomain(shop))).hasValueSatisfying(
				(store) -> assertThat(store.currency()).isEqualTo("EUR"));
		this.jdbc.sql("update store set currency = 'USD' where id = :id").param("id", storeId).update();

		assertThat(this.stores.installed(storeId)).as("in the same request").hasValueSatisfying(
				(store) -> assertThat(store.currency()).isEqualTo("EUR"));

		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
		assertThat(this.stores.installed(storeId)).as("in the next request").hasValueSatisfying(
				(store) -> assertThat(store.currency()).isEqualTo("USD"));
		RequestContextHolder.resetRequestAttributes();
		this.jdbc.sql("update store set status = 'UNINSTALLED' where id = :id").param("id", storeId).update();
		assertThat(this.stores.installed(storeId)).as("outside any request, once uninstalled").isEmpty();
	}

}
