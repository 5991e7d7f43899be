package com.metricsdash.digest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import com.metricsdash.alerts.AlertCard;
import com.metricsdash.alerts.OpenAlerts;
import com.metricsdash.dashboard.DayReport;
import com.metricsdash.dashboard.DayReports;
import com.metricsdash.dashboard.Figure;
import com.metricsdash.shop.Store;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.system.AppProperties;
import com.metricsdash.system.Money;

import org.springframework.stereotype.Component;

/**
 * Gathers what a store's digest of one period says: its open alerts, those fired since the previous period marked new,
 * each with a signed link, and the sales of the day before the period against that day's comparison day.
 */
@Component
class DigestContents {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

	private final OpenAlerts alerts;

	private final DayReports sales;

	private final DigestLinks links;

	private final AppProperties app;

	DigestContents(OpenAlerts alerts, DayReports sales, DigestLinks links, AppProperties app) {
		this.alerts = alerts;
		this.sales = sales;
		this.links = links;
		this.app = app;
	}

	/**
	 * The digest of the period starting at {@code period} for the recipient (whose unsubscribe link it carries);
	 * alerts fired after {@code since} are new.
	 */
	DigestContent of(Store store, DigestSchedule schedule, Instant period, Instant since, UUID recipientId,
			Instant now) {
		StoreRef ref = store.ref();
		List<DigestContent.AlertLine> lines = this.alerts.open(ref, now)
			.stream()
			.map((card) -> new DigestContent.AlertLine(card, isNew(card, since),
					this.links.open(store.id(), card.id(), now)))
			.toList();
		String kind = (schedule.frequency() == DigestFrequency.WEEKLY) ? "Weekly" : "Daily";
		return new DigestContent(store.displayName(), store.shopifyDomain(),
				kind + " digest for " + DAY.format(LocalDate.ofInstant(period, store.zone())), lines,
				lines.stream().filter(DigestContent.AlertLine::fresh).count(),
				sales(this.sales.dayBefore(ref, period), store.currency()), this.app.url("/alerts"),
				this.app.url("/settings"), this.links.unsubscribe(recipientId, now));
	}

	private static boolean isNew(AlertCard card, Instant since) {
		return "active".equals(card.status()) && card.at().isAfter(since);
	}

	private static DigestContent.Sales sales(DayReport report, String currency) {
		return new DigestContent.Sales(DAY.format(report.day()), DAY.format(report.comparisonDay()),
				List.of(line("Orders", report.orders(), BigDecimal::toPlainString),
						line("Revenue", report.revenue(), (amount) -> Money.format(amount, currency))));
	}

	private static DigestContent.SalesLine line(String label, Figure figure,
			Function<BigDecimal, String> format) {
		return new DigestContent.SalesLine(label, format.apply(figure.today()), format.apply(figure.previous()),
				change(figure.change()));
	}

	/** {@code +20.0%}, {@code -3.5%}, {@code no change}; {@code null} when the comparison day sold nothing. */
	private static String change(BigDecimal change) {
		if (change == null) {
			return null;
		}
		if (change.signum() == 0) {
			return "no change";
		}
		BigDecimal percent = change.movePointRight(2).setScale(1, RoundingMode.HALF_UP);
		return ((percent.signum() > 0) ? "+" : "") + percent.toPlainString() + "%";
	}

}
