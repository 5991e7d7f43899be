package com.metricsdash.system;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/** How every page words an amount of the shop's money, so that the dashboard and the alerts read alike. */
public final class Money {

	private Money() {
	}

	/** An amount in the shop's currency, e.g. {@code $1,234.50}; a plain amount while the currency is not known. */
	public static String format(BigDecimal amount, String currency) {
		if (currency == null) {
			return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
		}
		NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
		format.setCurrency(Currency.getInstance(currency));
		return format.format(amount);
	}

}
