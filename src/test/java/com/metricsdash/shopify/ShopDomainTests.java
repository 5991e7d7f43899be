package com.metricsdash.shopify;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ShopDomainTests {

	@ParameterizedTest
	@ValueSource(strings = { "demo-store.myshopify.com", "a.myshopify.com", "Shop-1.myshopify.com" })
	void acceptsMyshopifyDomains(String domain) {
		assertThat(ShopDomain.parse(domain)).isPresent();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "evil.com", "x.myshopify.com.evil.com", "127.0.0.1", "a b.myshopify.com",
			"-shop.myshopify.com", "shop.myshopify.com/admin", "https://shop.myshopify.com", "shop.myshopify.com\n",
			".myshopify.com", "shop.myshopify.co" })
	void rejectsEverythingElse(String domain) {
		assertThat(ShopDomain.parse(domain)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Shop-1.myshopify.com" })
	void isKeptInLowerCase(String domain) {
		assertThat(ShopDomain.parse(domain)).get().extracting(ShopDomain::value).isEqualTo("shop-1.myshopify.com");
	}

}
