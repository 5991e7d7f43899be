package com.metricsdash.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import com.metricsdash.sales.DayTotal;
import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard as the app's own JSON mapper writes it: exactly the shape of CONTRACT.md, key for key. */
@IntegrationTest
class DashboardJsonTests {

	private static final UUID STORE = UUID.fromString("6f1c2d3e-0000-4000-8000-000000000001");

	@Autowired
	JsonMapper json;

	@Autowired
	Dashboards dashboards;

	@Test
	void theContractsExampleIsWrittenExactly() {
		Dashboard dashboard = dashboard(Comparison.YESTERDAY, null);

		assertThat(this.json.writeValueAsString(dashboard)).isEqualTo("""
				{"storeId":"6f1c2d3e-0000-4000-8000-000000000001","currency":"USD","timezone":"America/New_York",\
				"comparison":"yesterday",\
				"orders":{"today":42,"yesterday":38,"change":0.105},\
				"revenue":{"today":4250.00,"yesterday":3800.00,"change":0.118},\
				"aov":{"today":101.19,"yesterday":100.00,"change":0.012},\
				"conversion":null,\
				"updatedAt":"2024-01-15T14:30:00Z"}""");
	}

	@Test
	void theComparisonFigureIsKeyedByThePeriodAndConversionTakesTheSameShape() {
		Dashboard dashboard = dashboard(Comparison.LAST_WEEK,
				Figure.compare(new BigDecimal("0.0200"), null));

		assertThat(this.json.writeValueAsString(dashboard))
			.contains("\"comparison\":\"last_week\"")
			.contains("\"orders\":{\"today\":42,\"lastWeek\":38,\"change\":0.105}")
			.contains("\"conversion\":{\"today\":0.0200,\"lastWeek\":null,\"change\":null}")
			.doesNotContain("comparisonDay");
	}

	@Test
	void staleFiguresSaySoAndKeepWhenTheyWereWorkedOut() {
		String json = this.json.writeValueAsString(dashboard(Comparison.YESTERDAY, null).asStale());

		assertThat(json).endsWith("\"updatedAt\":\"2024-01-15T14:30:00Z\",\"stale\":true}");
	}

	@Test
	void aRememberedDashboardComesBackExactlyWithEveryDecimal() {
		Dashboard dashboard = dashboard(Comparison.LAST_MONTH, Figure.compare(new BigDecimal("0.0200"), null));

		String remembered = this.dashboards.serialised(dashboard);

		assertThat(this.dashboards.deserialised(remembered)).isEqualTo(dashboard);
		assertThat(remembered).contains("\"comparisonDay\":\"2024-01-14\"").doesNotContain(" ");
	}

	private static Dashboard dashboard(Comparison comparison, Figure conversion) {
		return new Dashboard(STORE, "USD", ZoneId.of("America/New_York"), comparison,
				Figure.compare(new BigDecimal("42"), new BigDecimal("38")),
				Figure.compare(new BigDecimal("4250.00"), new BigDecimal("3800.00")),
				Figure.compare(new BigDecimal("101.19"), new BigDecimal("100.00")), conversion,
				Instant.parse("2024-01-15T14:30:00Z"), LocalDate.of(2024, 1, 14),
				new DayTotal(61, new BigDecimal("6100.0000")), false);
	}

}
