package com.metricsdash.system;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyTests {

	@Test
	void anAmountIsWordedInItsCurrencyWithThatCurrencysMinorUnits() {
		assertThat(Money.format(new BigDecimal("1234.5"), "USD")).isEqualTo("$1,234.50");
		assertThat(Money.format(new BigDecimal("1234.5"), "EUR")).isEqualTo("€1,234.50");
		assertThat(Money.format(new BigDecimal("1234.00"), "JPY")).isEqualTo("¥1,234");
		assertThat(Money.format(new BigDecimal("1234.60"), "JPY")).isEqualTo("¥1,235");
		assertThat(Money.format(new BigDecimal("1234.567"), null)).isEqualTo("1234.57");
	}

	@Test
	void aCodeThatIsNoCurrencyIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.format(BigDecimal.ONE, "XYZW"));
	}

}
