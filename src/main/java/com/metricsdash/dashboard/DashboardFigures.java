package com.metricsdash.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import com.metricsdash.sales.DayTotal;
import com.metricsdash.sales.HourTotal;
import com.metricsdash.sales.SalesTotals;
import com.metricsdash.shop.StoreRef;

import org.springframework.stereotype.Service;

/**
 * Works out a store's dashboard, following the definitions of CONTRACT.md: days are the shop's own, "today" runs from
 * local midnight to now and the comparison day is read over the same wall-clock span (see {@link DaySpan} for what
 * that means on daylight-saving days). Whole hours come from the hourly rollups, and so does today's current hour
 * (less any order processed after now); the comparison day's partial hour comes from the rollups of its minutes and
 * the orders of its last minute. So a read costs the same at ten orders or ten million, and during a flash sale. A
 * read is one statement, no transaction, for both days' sales, so every sales figure comes from the same moment of
 * the data; their sessions are kept by each instance until they change ({@link TrafficRepository}).
 * <p>
 * Money keeps two decimals; AOV (revenue ÷ orders) is unknown ({@code null}) without orders, rather than a zero that
 * would read as a 100% drop; conversion (orders ÷ sessions, four decimals) is known only for a span whose local hours
 * have recorded sessions, counting the sessions of every hour the span reaches into, its current one included, each
 * hour from Shopify's analytics where they were imported and from the traffic API otherwise.
 */
@Service
public class DashboardFigures {

	private static final int MONEY_SCALE = 2;

	private static final int RATE_SCALE = 4;

	private final SalesTotals sales;

	private final TrafficRepository traffic;

	private final Clock clock;

	DashboardFigures(SalesTotals sales, TrafficRepository traffic, Clock clock) {
		this.sales = sales;
		this.traffic = traffic;
		this.clock = clock;
	}

	/** The store's dashboard now, against the comparison. */
	public Figures figures(StoreRef store, Comparison comparison) {
		return figures(store, comparison, this.clock.instant());
	}

	Figures figures(StoreRef store, Comparison comparison, Instant now) {
		ZoneId zone = store.zone();
		DaySpan today = DaySpan.untilNow(now, zone);
		LocalDate comparisonDay = comparison.dayFor(today.date());
		DaySpan previous = DaySpan.untilWallClock(comparisonDay, LocalTime.ofInstant(now, zone), zone);
		List<SalesTotals.DaySales> sales = this.sales.twoDays(store.id(),
				new SalesTotals.DayPart(today.date(), today.end(), today.hourEnd(zone)),
				new SalesTotals.DayPart(previous.date(), previous.partialStart(), previous.end()));
		List<HourTotal> previousHours = sales.get(1).hours();
		DayTotal sold = soldSoFar(today, sales.get(0));
		DayTotal soldBefore = sold(previous, sales.get(1));
		List<Optional<Long>> sessions = this.traffic.sessions(store.id(), hours(today), hours(previous));
		BigDecimal conversion = conversion(sold, sessions.get(0));
		BigDecimal conversionBefore = conversion(soldBefore, sessions.get(1));

		return new Figures(new Dashboard(store.id(), store.currency(), zone, comparison,
				Figure.compare(BigDecimal.valueOf(sold.orders()), BigDecimal.valueOf(soldBefore.orders())),
				Figure.compare(money(sold.revenue()), money(soldBefore.revenue())),
				Figure.compare(averageOrder(sold), averageOrder(soldBefore)),
				(conversion != null || conversionBefore != null) ? Figure.compare(conversion, conversionBefore) : null,
				now, comparisonDay, sum(previousHours, new DayTotal(0, BigDecimal.ZERO)), false), sales.get(0).hours(),
				previousHours);
	}

	/** The span's whole hours from the rollups, plus its partial hour from the orders. */
	private static DayTotal sold(DaySpan span, SalesTotals.DaySales day) {
		return sum(day.hours().subList(0, span.wholeHours()), day.part());
	}

	/**
	 * Today until now: its hours from the rollups, the current one whole, less what was processed after now within it
	 * (its part), which is normally nothing; so a read costs the same however many orders the hour already holds, as
	 * in a flash sale, where reading the hour's orders themselves would cost more with every order.
	 */
	private static DayTotal soldSoFar(DaySpan today, SalesTotals.DaySales day) {
		DayTotal hours = sum(day.hours().subList(0, today.wholeHours() + 1), new DayTotal(0, BigDecimal.ZERO));
		return new DayTotal(hours.orders() - day.part().orders(), hours.revenue().subtract(day.part().revenue()));
	}

	private static TrafficRepository.DayHours hours(DaySpan span) {
		return new TrafficRepository.DayHours(span.date(), span.hoursTouched());
	}

	private static DayTotal sum(List<HourTotal> hours, DayTotal start) {
		return new DayTotal(start.orders() + hours.stream().mapToLong(HourTotal::orders).sum(),
				hours.stream().map(HourTotal::revenue).reduce(start.revenue(), BigDecimal::add));
	}

	private static BigDecimal money(BigDecimal amount) {
		return amount.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
	}

	private static BigDecimal averageOrder(DayTotal sold) {
		return (sold.orders() > 0)
				? sold.revenue().divide(BigDecimal.valueOf(sold.orders()), MONEY_SCALE, RoundingMode.HALF_UP) : null;
	}

	private static BigDecimal conversion(DayTotal sold, Optional<Long> sessions) {
		return sessions.filter((count) -> count > 0)
			.map((count) -> BigDecimal.valueOf(sold.orders())
				.divide(BigDecimal.valueOf(count), RATE_SCALE, RoundingMode.HALF_UP))
			.orElse(null);
	}

	/**
	 * A dashboard with the hourly sales of both days it was worked out from, each day's 24 local hours midnight first,
	 * which the revenue chart draws: from the same read, so the chart agrees with the figures and costs no statement of
	 * its own.
	 */
	public record Figures(Dashboard dashboard, List<HourTotal> todayHours, List<HourTotal> comparisonDayHours) {
	}

}
