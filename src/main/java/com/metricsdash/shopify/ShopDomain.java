package com.metricsdash.shopify;

import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A shop's permanent {@code *.myshopify.com} domain. The only way to make one is {@link #parse}, so a value of this
 * type has passed Shopify's rule before it reaches a URL, a redirect, a header or a log line.
 */
public record ShopDomain(String value) implements Serializable {

	private static final Pattern VALID = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9-]*\\.myshopify\\.com$");

	public ShopDomain {
		if (value == null || !VALID.matcher(value).matches()) {
			throw new IllegalArgumentException("Not a myshopify.com shop domain");
		}
		value = value.toLowerCase(Locale.ROOT);
	}

	/** The domain, if the text is one; never throws. */
	public static Optional<ShopDomain> parse(String text) {
		return (text != null && VALID.matcher(text).matches()) ? Optional.of(new ShopDomain(text)) : Optional.empty();
	}

	/** The shop's handle, the part before {@code .myshopify.com}. */
	public String handle() {
		return this.value.substring(0, this.value.indexOf('.'));
	}

	@Override
	public String toString() {
		return this.value;
	}

}
