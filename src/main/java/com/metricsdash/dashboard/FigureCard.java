package com.metricsdash.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import com.metricsdash.sales.DayTotal;
import com.metricsdash.system.Money;

/**
 * One card of the dashboard as the page shows it, its text worked out here rather than in the template so that the
 * poll and the push, which render the same fragment, cannot word a figure differently.
 *
 * @param key names the figure in the page ({@code data-figure}), e.g. {@code orders}
 * @param direction {@code up}, {@code down} or {@code flat}; {@code null} when there is no change to show
 * @param change the change as seen, e.g. {@code ▲ 12.5%}
 * @param spoken the change as a screen reader says it, e.g. {@code up 12.5% on yesterday}
 * @param comparison today's comparison value, e.g. {@code vs 38 yesterday, same time}
 * @param total the comparison day's full total, {@code null} where it is not known (conversion)
 */
record FigureCard(String key, String name, String value, String direction, String change, String spoken,
		String comparison, String total) {

	private static final String UNKNOWN = "—";

	/** The cards of a dashboard: orders, revenue, AOV, and conversion only when it is known. */
	static List<FigureCard> of(Dashboard dashboard) {
		Function<BigDecimal, String> count = (value) -> NumberFormat.getIntegerInstance(Locale.US).format(value);
		Function<BigDecimal, String> money = (value) -> Money.format(value, dashboard.currency());
		Function<BigDecimal, String> rate = (value) -> value.movePointRight(2).setScale(2, RoundingMode.HALF_UP) + "%";
		DayTotal day = dashboard.comparisonDayTotal();
		BigDecimal dayAov = (day.orders() > 0)
				? day.revenue().divide(BigDecimal.valueOf(day.orders()), 2, RoundingMode.HALF_UP) : null;
		String period = label(dashboard.comparison());
		List<FigureCard> cards = new ArrayList<>();
		cards.add(card("orders", "Orders", dashboard.orders(), count, BigDecimal.valueOf(day.orders()), period));
		cards.add(card("revenue", "Revenue", dashboard.revenue(), money, day.revenue(), period));
		cards.add(card("aov", "Average order value", dashboard.aov(), money, dayAov, period));
		if (dashboard.conversion() != null) {
			cards.add(card("conversion", "Conversion rate", dashboard.conversion(), rate, null, period));
		}
		return cards;
	}

	/** How the page names the comparison day, e.g. {@code yesterday}. */
	static String label(Comparison comparison) {
		return switch (comparison) {
			case YESTERDAY -> "yesterday";
			case LAST_WEEK -> "last week";
			case LAST_MONTH -> "last month";
		};
	}

	private static FigureCard card(String key, String name, Figure figure, Function<BigDecimal, String> format,
			BigDecimal dayTotal, String period) {
		String value = (figure.today() != null) ? format.apply(figure.today()) : UNKNOWN;
		String previous = (figure.previous() != null) ? format.apply(figure.previous()) : UNKNOWN;
		String total = (dayTotal != null) ? "Full day " + period + ": " + format.apply(dayTotal) : null;
		String comparison = "vs " + previous + " " + period + ", same time";
		if (figure.change() == null) {
			return new FigureCard(key, name, value, null, UNKNOWN, "no change to compare with " + period, comparison,
					total);
		}
		String percent = figure.change().abs().movePointRight(2).setScale(1, RoundingMode.HALF_UP) + "%";
		return switch (figure.change().signum()) {
			case 1 -> new FigureCard(key, name, value, "up", "▲ " + percent, "up " + percent + " on " + period,
					comparison, total);
			case -1 -> new FigureCard(key, name, value, "down", "▼ " + percent, "down " + percent + " on " + period,
					comparison, total);
			default -> new FigureCard(key, name, value, "flat", percent, "unchanged on " + period, comparison, total);
		};
	}

}
