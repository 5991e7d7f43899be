package com.metricsdash.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import com.metricsdash.sales.HourTotal;
import com.metricsdash.system.Money;

/**
 * Cumulative revenue by local hour, today against the comparison day, as the points of two SVG polylines: drawn on
 * the server so that the page needs no chart library and the push carries the chart as it carries the cards.
 * Coordinates are in the chart's 600 by 200 box ({@code dashboard/cards.html} draws the axes), hours 0 to 24 across
 * its plot area.
 *
 * @param today the points of today's line, from midnight to now
 * @param previous the points of the comparison day's line, over its whole day
 * @param max the amount at the top of the chart
 * @param summary what the chart shows, for screen readers
 */
record RevenueChart(String today, String previous, String max, String summary) {

	private static final int LEFT = 48;

	private static final int RIGHT = 588;

	private static final int TOP = 20;

	private static final int BOTTOM = 176;

	private static final List<Tick> TICKS = List.of(0, 6, 12, 18, 24)
		.stream()
		.map((hour) -> new Tick(hour, x(hour)))
		.toList();

	/** The chart of a dashboard, from the hourly totals of today and of the comparison day it was worked out from. */
	static RevenueChart of(DashboardFigures.Figures figures) {
		Dashboard dashboard = figures.dashboard();
		List<HourTotal> todayHours = figures.todayHours();
		List<HourTotal> previousHours = figures.comparisonDayHours();
		LocalTime now = LocalTime.ofInstant(dashboard.updatedAt(), dashboard.timezone());
		List<BigDecimal> todaySoFar = cumulative(todayHours.subList(0, now.getHour() + 1));
		List<BigDecimal> previousDay = cumulative(previousHours);
		BigDecimal top = previousDay.get(previousDay.size() - 1).max(todaySoFar.get(todaySoFar.size() - 1));
		List<double[]> todayPoints = new ArrayList<>();
		for (int hour = 0; hour < todaySoFar.size() - 1; hour++) {
			todayPoints.add(new double[] { hour, todaySoFar.get(hour).doubleValue() });
		}
		todayPoints.add(new double[] { now.toSecondOfDay() / 3600.0, todaySoFar.get(todaySoFar.size() - 1).doubleValue() });
		List<double[]> previousPoints = new ArrayList<>();
		for (int hour = 0; hour < previousDay.size(); hour++) {
			previousPoints.add(new double[] { hour, previousDay.get(hour).doubleValue() });
		}
		String currency = dashboard.currency();
		String period = FigureCard.label(dashboard.comparison());
		String summary = "Cumulative revenue by hour: " + Money.format(dashboard.revenue().today(), currency)
				+ " today by " + now.withSecond(0).withNano(0) + ", against "
				+ Money.format(dashboard.revenue().previous(), currency) + " " + period + " by the same time and "
				+ Money.format(dashboard.comparisonDayTotal().revenue(), currency) + " for all of " + period + ".";
		return new RevenueChart(points(todayPoints, top), points(previousPoints, top), Money.format(top, currency),
				summary);
	}

	/** The labelled hours of the axis (public, for the template). */
	public List<Tick> ticks() {
		return TICKS;
	}

	private static int x(double hour) {
		return (int) Math.round(LEFT + hour / 24 * (RIGHT - LEFT));
	}

	/** The running totals at each hour boundary, starting with 0 at midnight. */
	private static List<BigDecimal> cumulative(List<HourTotal> hours) {
		List<BigDecimal> totals = new ArrayList<>();
		BigDecimal total = BigDecimal.ZERO;
		totals.add(total);
		for (HourTotal hour : hours) {
			total = total.add(hour.revenue());
			totals.add(total);
		}
		return totals;
	}

	/**
	 * The points as SVG has them, {@code x,y} apart by spaces, {@code y} to a tenth of a pixel (as {@code %.1f} would
	 * write it, without a {@code Formatter}: a chart has up to 50 points, and formatting them so took 40 to 90 µs of
	 * the 137 that a dashboard frame's read cost in Java).
	 */
	private static String points(List<double[]> points, BigDecimal top) {
		double max = (top.signum() > 0) ? top.doubleValue() : 1;
		StringBuilder svg = new StringBuilder();
		for (double[] point : points) {
			double y = BOTTOM - point[1] / max * (BOTTOM - TOP);
			if (!svg.isEmpty()) {
				svg.append(' ');
			}
			BigDecimal tenths = BigDecimal.valueOf(y).setScale(1, RoundingMode.HALF_UP);
			svg.append(x(point[0])).append(',').append(tenths.toPlainString());
		}
		return svg.toString();
	}

	/** A labelled hour of the axis and where it sits. */
	record Tick(int hour, int x) {
	}

}
