package com.metricsdash.dashboard;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a figure's change is worked out, with the CONTRACT's own example among the cases. */
class FigureTests {

	@Test
	void changeIsRelativeToThePreviousValueRoundedHalfUpToThreePlaces() {
		assertThat(change("42", "38")).isEqualByComparingTo("0.105");
		assertThat(change("4250.00", "3800.00")).isEqualByComparingTo("0.118");
		assertThat(change("101.19", "100.00")).isEqualByComparingTo("0.012");
		assertThat(change("81", "80")).as("0.0125 rounds up").isEqualTo(new BigDecimal("0.013"));
		assertThat(change("79", "80")).as("-0.0125 rounds away from zero").isEqualTo(new BigDecimal("-0.013"));
	}

	@Test
	void thereIsNoChangeFromZeroOrFromOrToAnUnknownValue() {
		assertThat(change("5", "0")).isNull();
		assertThat(change("5", "0.00")).isNull();
		assertThat(Figure.compare(null, new BigDecimal("5")).change()).isNull();
		assertThat(Figure.compare(new BigDecimal("5"), null).change()).isNull();
	}

	private static BigDecimal change(String today, String previous) {
		return Figure.compare(new BigDecimal(today), new BigDecimal(previous)).change();
	}

}
