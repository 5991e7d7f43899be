package com.metricsdash.dashboard;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.metricsdash.sales.DayTotal;
import com.metricsdash.sales.HourTotal;
import com.metricsdash.sales.OrderLedger;
import com.metricsdash.sales.OrderSnapshot;
import com.metricsdash.sales.RefundSnapshot;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shopify.ShopDomain;
import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's figures against real PostgreSQL, every store its own and every expectation worked out by hand from
 * the orders placed; instants are written in UTC with their local time beside them.
 */
@IntegrationTest
class DashboardFiguresTests {

	@Autowired
	DashboardFigures figures;

	@Autowired
	OrderLedger ledger;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ShopifySessions shopifySessions;

	@Autowired
	TrafficRepository traffic;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void testAndCancelledOrdersAreLeftOutAndRefundsLeaveRevenueGross() {
		StoreRef store = store("UTC");
		sell(store, 1, "2026-06-15T10:00:00Z", "10.00");
		sell(store, 2, "2026-06-15T11:00:00Z", "20.00");
		this.ledger.applyRefund(store, new RefundSnapshot(900, 2, new BigDecimal("5.00"),
				Instant.parse("2026-06-15T11:30:00Z")));
		this.ledger.apply(store, snapshot(3, "2026-06-15T12:00:00Z", "100.00", null, true));
		this.ledger.apply(store, snapshot(4, "2026-06-15T13:00:00Z", "50.00", "2026-06-15T13:05:00Z", false));
		sell(store, 5, "2026-06-14T09:00:00Z", "15.00");

		Dashboard dashboard = dashboard(store, Comparison.YESTERDAY, Instant.parse("2026-06-15T14:30:00Z"));

		assertThat(dashboard.orders()).isEqualTo(figure("2", "1", "1.000"));
		assertThat(dashboard.revenue()).isEqualTo(figure("30.00", "15.00", "1.000"));
		assertThat(dashboard.aov()).isEqualTo(figure("15.00", "15.00", "0.000"));
	}

	@Test
	void theChartsHoursComeWithTheFiguresFromTheSameRead() {
		StoreRef store = store("America/New_York");
		sell(store, 1, "2026-06-15T14:10:00Z", "10.00");
		sell(store, 2, "2026-06-15T14:50:00Z", "20.00");
		sell(store, 3, "2026-06-15T17:20:00Z", "40.00");
		sell(store, 4, "2026-06-14T23:59:00Z", "15.00");

		DashboardFigures.Figures figures = this.figures.figures(store, Comparison.YESTERDAY,
				Instant.parse("2026-06-15T17:30:00Z"));

		assertThat(figures.todayHours()).hasSize(24);
		assertThat(figures.todayHours().get(10).orders()).isEqualTo(2);
		assertThat(figures.todayHours().get(10).revenue()).isEqualByComparingTo("30.00");
		assertThat(figures.todayHours().get(13).orders()).isEqualTo(1);
		assertThat(figures.todayHours().get(13).revenue()).isEqualByComparingTo("40.00");
		assertThat(figures.todayHours().stream().mapToLong(HourTotal::orders).sum()).isEqualTo(3);
		assertThat(figures.comparisonDayHours()).hasSize(24);
		assertThat(figures.comparisonDayHours().get(19).revenue()).isEqualByComparingTo("15.00");
		assertThat(figures.comparisonDayHours().stream().mapToLong(HourTotal::orders).sum()).isEqualTo(1);
		assertThat(figures.dashboard().comparisonDayTotal().orders()).isEqualTo(1);
	}

	@Test
	void eachComparisonReadsItsOwnDayOverTheSameSpanAndAMonthAgoClampsToTheMonthsEnd() {
		StoreRef store = store("America/Chicago");
		// 2026-03-31 is a Tuesday in CDT (UTC-5); February is CST (UTC-6). Now is 14:30 local.
		Instant now = Instant.parse("2026-03-31T19:30:00Z");
		sell(store, 1, "2026-03-31T17:00:00Z", "60.00"); // today 12:00
		sell(store, 2, "2026-03-30T15:00:00Z", "40.00"); // yesterday 10:00
		sell(store, 3, "2026-03-30T20:00:00Z", "999.00"); // yesterday 15:00, after the span
		sell(store, 4, "2026-03-24T14:00:00Z", "30.00"); // last Tuesday 09:00
		sell(store, 5, "2026-02-28T14:00:00Z", "20.00"); // Feb 28 08:00
		sell(store, 6, "2026-02-28T20:29:00Z", "5.00"); // Feb 28 14:29, in the partial hour
		sell(store, 7, "2026-02-28T20:31:00Z", "7.00"); // Feb 28 14:31, after the span

		Dashboard yesterday = dashboard(store, Comparison.YESTERDAY, now);
		Dashboard lastWeek = dashboard(store, Comparison.LAST_WEEK, now);
		Dashboard lastMonth = dashboard(store, Comparison.LAST_MONTH, now);

		assertThat(yesterday.comparisonDay()).isEqualTo(LocalDate.of(2026, 3, 30));
		assertThat(yesterday.orders()).isEqualTo(figure("1", "1", "0.000"));
		assertThat(yesterday.revenue()).isEqualTo(figure("60.00", "40.00", "0.500"));
		assertThat(yesterday.comparisonDayTotal()).isEqualTo(new DayTotal(2, new BigDecimal("1039.0000")));
		assertThat(lastWeek.comparisonDay()).isEqualTo(LocalDate.of(2026, 3, 24));
		assertThat(lastWeek.revenue()).isEqualTo(figure("60.00", "30.00", "1.000"));
		assertThat(lastMonth.comparisonDay()).isEqualTo(LocalDate.of(2026, 2, 28));
		assertThat(lastMonth.orders()).isEqualTo(figure("1", "2", "-0.500"));
		assertThat(lastMonth.revenue()).isEqualTo(figure("60.00", "25.00", "1.400"));
		assertThat(lastMonth.aov()).isEqualTo(figure("60.00", "12.50", "3.800"));
		assertThat(lastMonth.comparisonDayTotal()).isEqualTo(new DayTotal(3, new BigDecimal("32.0000")));
	}

	@Test
	void theCurrentHourCountsUpToNowOnBothDays() {
		StoreRef store = store("Europe/Berlin");
		// June in Berlin is CEST (UTC+2). Now is 14:30 local.
		sell(store, 1, "2026-06-15T11:59:00Z", "4.00"); // today 13:59, a whole hour
		sell(store, 2, "2026-06-15T12:20:00Z", "1.00"); // today 14:20, before now
		sell(store, 3, "2026-06-15T12:40:00Z", "2.00"); // today 14:40, after now
		sell(store, 4, "2026-06-14T11:00:00Z", "32.00"); // yesterday 13:00
		sell(store, 5, "2026-06-14T12:20:00Z", "8.00"); // yesterday 14:20
		sell(store, 6, "2026-06-14T12:40:00Z", "16.00"); // yesterday 14:40

		Dashboard dashboard = dashboard(store, Comparison.YESTERDAY, Instant.parse("2026-06-15T12:30:00Z"));

		assertThat(dashboard.orders()).isEqualTo(figure("2", "2", "0.000"));
		assertThat(dashboard.revenue()).isEqualTo(figure("5.00", "40.00", "-0.875"));
		assertThat(dashboard.comparisonDayTotal()).isEqualTo(new DayTotal(3, new BigDecimal("56.0000")));
	}

	@Test
	void theComparisonDaysCurrentHourCountsItsWholeMinutesFromTheirRollupsAndItsLastMinuteToTheSecond() {
		StoreRef store = store("Asia/Kolkata");
		// India is UTC+5:30, so its hours start half-way through UTC ones. Now is 14:30:30 local.
		Instant now = Instant.parse("2026-06-15T09:00:30Z");
		sell(store, 1, "2026-06-14T08:30:00Z", "1.00"); // yesterday 14:00:00, the hour's first second
		sell(store, 2, "2026-06-14T08:59:59Z", "2.00"); // yesterday 14:29:59, the last whole minute
		sell(store, 3, "2026-06-14T09:00:29Z", "4.00"); // yesterday 14:30:29, the last minute, before the time
		sell(store, 4, "2026-06-14T09:00:30Z", "8.00"); // yesterday 14:30:30, the time itself: after the span
		sell(store, 5, "2026-06-14T09:05:00Z", "16.00"); // yesterday 14:35

		assertThat(dashboard(store, Comparison.YESTERDAY, now).revenue().previous()).isEqualTo(new BigDecimal("7.00"));

		// the whole minutes are read from their rollups, not from the orders: orders taken away behind the ledger's
		// back are still counted in them, and no longer in the minute that is read order by order
		this.jdbc.sql("delete from shop_order where store_id = :store and shopify_id in (1, 2, 3)")
			.param("store", store.id())
			.update();
		assertThat(dashboard(store, Comparison.YESTERDAY, now).revenue().previous()).isEqualTo(new BigDecimal("3.00"));
	}

	@Test
	void onTheSpringForwardDayInNewYorkTodayRunsFromLocalMidnight() {
		StoreRef store = store("America/New_York");
		// 2026-03-08: at 07:00Z (02:00 EST) clocks jump to 03:00 EDT. Now is 03:30 EDT.
		sell(store, 1, "2026-03-08T05:10:00Z", "1.00"); // Mar 8 00:10 EST
		sell(store, 2, "2026-03-08T04:50:00Z", "2.00"); // Mar 7 23:50 EST
		sell(store, 3, "2026-03-08T07:10:00Z", "4.00"); // Mar 8 03:10 EDT
		sell(store, 4, "2026-03-08T07:45:00Z", "8.00"); // Mar 8 03:45 EDT, after now
		sell(store, 5, "2026-03-07T08:20:00Z", "16.00"); // Mar 7 03:20 EST
		sell(store, 6, "2026-03-07T08:40:00Z", "32.00"); // Mar 7 03:40 EST, after 03:30

		Dashboard dashboard = dashboard(store, Comparison.YESTERDAY, Instant.parse("2026-03-08T07:30:00Z"));

		assertThat(dashboard.orders()).isEqualTo(figure("2", "1", "1.000"));
		assertThat(dashboard.revenue()).isEqualTo(figure("5.00", "16.00", "-0.688"));
		assertThat(dashboard.comparisonDayTotal()).isEqualTo(new DayTotal(3, new BigDecimal("50.0000")));
	}

	@Test
	void aWallClockTimeTheSpringForwardDayNeverHadEndsItsSpanWhereTheClocksJumped() {
		StoreRef store = store("America/New_York");
		// Now is Mar 9 02:30 EDT; on Mar 8 02:30 never happened, so its span ends at 07:00Z (02:00 EST = 03:00 EDT).
		sell(store, 1, "2026-03-08T06:50:00Z", "1.00"); // Mar 8 01:50 EST
		sell(store, 2, "2026-03-08T07:05:00Z", "2.00"); // Mar 8 03:05 EDT
		sell(store, 3, "2026-03-09T06:10:00Z", "4.00"); // Mar 9 02:10 EDT

		Dashboard dashboard = dashboard(store, Comparison.YESTERDAY, Instant.parse("2026-03-09T06:30:00Z"));

		assertThat(dashboard.orders()).isEqualTo(figure("1", "1", "0.000"));
		assertThat(dashboard.revenue()).isEqualTo(figure("4.00", "1.00", "3.000"));
	}

	@Test
	void onTheFallBackDayInNewYorkTodayHoldsBothOccurrencesOfTheRepeatedHourSoFar() {
		StoreRef store = store("America/New_York");
		// 2026-11-01: at 06:00Z (02:00 EDT) clocks go back to 01:00 EST. Now is 01:30 EST, the second 01:30.
		sell(store, 1, "2026-11-01T04:30:00Z", "1.00"); // Nov 1 00:30 EDT
		sell(store, 2, "2026-11-01T05:15:00Z", "2.00"); // Nov 1 01:15 EDT
		sell(store, 3, "2026-11-01T06:15:00Z", "4.00"); // Nov 1 01:15 EST
		sell(store, 4, "2026-11-01T06:45:00Z", "8.00"); // Nov 1 01:45 EST, after now
		sell(store, 5, "2026-11-01T03:45:00Z", "16.00"); // Oct 31 23:45 EDT
		sell(store, 6, "2026-10-31T05:20:00Z", "32.00"); // Oct 31 01:20 EDT

		Dashboard dashboard = dashboard(store, Comparison.YESTERDAY, Instant.parse("2026-11-01T06:30:00Z"));

		assertThat(dashboard.orders()).isEqualTo(figure("3", "1", "2.000"));
		assertThat(dashboard.revenue()).isEqualTo(figure("7.00", "32.00", "-0.781"));
		assertThat(dashboard.comparisonDayTotal()).isEqualTo(new DayTotal(2, new BigDecimal("48.0000")));
	}

	@Test
	void aFallBackComparisonDayCountsItsRepeatedHourTwice() {
		StoreRef store = store("America/New_York");
		// Now is Nov 2 03:30 EST; Nov 1 from midnight to 03:30 EST lasted four and a half hours.
		sell(store, 1, "2026-11-01T05:15:00Z", "1.00"); // Nov 1 01:15 EDT
		sell(store, 2, "2026-11-01T06:15:00Z", "2.00"); // Nov 1 01:15 EST
		sell(store, 3, "2026-11-01T08:20:00Z", "4.00"); // Nov 1 03:20 EST
		sell(store, 4, "2026-11-01T08:40:00Z", "8.00"); // Nov 1 03:40 EST, after 03:30
		sell(store, 5, "2026-11-02T08:00:00Z", "10.00"); // Nov 2 03:00 EST

		Dashboard dashboard = dashboard(store, Comparison.YESTERDAY, Instant.parse("2026-11-02T08:30:00Z"));

		assertThat(dashboard.orders()).isEqualTo(figure("1", "3", "-0.667"));
		assertThat(dashboard.revenue()).isEqualTo(figure("10.00", "7.00", "0.429"));
	}

	@Test
	void aShopFourteenHoursAheadOfUtcCountsItsOwnDays() {
		StoreRef store = store("Pacific/Kiritimati");
		// Kiritimati is UTC+14: now, 2026-06-14T20:00Z, is Jun 15 10:00 local.
		sell(store, 1, "2026-06-14T10:00:00Z", "1.00"); // Jun 15 00:00
		sell(store, 2, "2026-06-14T09:59:00Z", "2.00"); // Jun 14 23:59
		sell(store, 3, "2026-06-13T19:30:00Z", "4.00"); // Jun 14 09:30

		Dashboard dashboard = dashboard(store, Comparison.YESTERDAY, Instant.parse("2026-06-14T20:00:00Z"));

		assertMidnightSplit(dashboard, LocalDate.of(2026, 6, 14));
	}

	@Test
	void aShopTenHoursBehindUtcCountsItsOwnDays() {
		StoreRef store = store("Pacific/Honolulu");
		// Honolulu is UTC-10: now, 2026-06-15T20:00Z, is Jun 15 10:00 local.
		sell(store, 1, "2026-06-15T10:00:00Z", "1.00"); // Jun 15 00:00
		sell(store, 2, "2026-06-15T09:59:00Z", "2.00"); // Jun 14 23:59
		sell(store, 3, "2026-06-14T19:30:00Z", "4.00"); // Jun 14 09:30

		Dashboard dashboard = dashboard(store, Comparison.YESTERDAY, Instant.parse("2026-06-15T20:00:00Z"));

		assertMidnightSplit(dashboard, LocalDate.of(2026, 6, 14));
	}

	@Test
	void withNothingSoldOnTheComparisonDayThereIsNoChangeAndNoAverage() {
		StoreRef store = store("UTC");
		sell(store, 1, "2026-06-15T09:00:00Z", "12.50");

		Dashboard dashboard = dashboard(store, Comparison.YESTERDAY, Instant.parse("2026-06-15T14:30:00Z"));

		assertThat(dashboard.orders()).isEqualTo(figure("1", "0", null));
		assertThat(dashboard.revenue()).isEqualTo(figure("12.50", "0.00", null));
		assertThat(dashboard.aov()).isEqualTo(figure("12.50", null, null));
		assertThat(dashboard.comparisonDayTotal()).isEqualTo(new DayTotal(0, new BigDecimal("0.0000")));
	}

	@Test
	void conversionIsUnknownWithoutSessionsAndOrdersPerSessionOfTheSpanWithThem() {
		StoreRef store = store("UTC");
		Instant now = Instant.parse("2026-06-15T14:30:00Z");
		sell(store, 1, "2026-06-15T09:00:00Z", "10.00");
		sell(store, 2, "2026-06-15T10:00:00Z", "10.00");
		sell(store, 3, "2026-06-15T14:10:00Z", "10.00");
		sell(store, 4, "2026-06-14T11:00:00Z", "10.00");
		sell(store, 5, "2026-06-14T12:00:00Z", "10.00");

		assertThat(dashboard(store, Comparison.YESTERDAY, now).conversion()).isNull();

		sessions(store, "2026-06-15", 9, 100);
		sessions(store, "2026-06-15", 14, 50); // the current hour's sessions so far
		assertThat(dashboard(store, Comparison.YESTERDAY, now).conversion())
			.isEqualTo(figure("0.0200", null, null));

		sessions(store, "2026-06-14", 10, 200);
		sessions(store, "2026-06-14", 15, 999); // after the span
		assertThat(dashboard(store, Comparison.YESTERDAY, now).conversion())
			.isEqualTo(figure("0.0200", "0.0100", "1.000"));
	}

	@Test
	void shopifysSessionsOfAnHourTakeThePlaceOfPostedOnesAndPostedOnesFillTheRest() {
		StoreRef store = store("UTC");
		Instant now = Instant.parse("2026-06-15T14:30:00Z");
		sell(store, 1, "2026-06-15T09:00:00Z", "10.00");
		sell(store, 2, "2026-06-15T10:00:00Z", "10.00");
		sessions(store, "2026-06-15", 9, 100);
		sessions(store, "2026-06-15", 10, 100);

		this.shopifySessions.replace(store.id(), LocalDate.parse("2026-06-15"), LocalDate.parse("2026-06-15"),
				Map.of(LocalDateTime.parse("2026-06-15T09:00"), 40L));

		// hour 9 counts Shopify's 40 instead of the posted 100, hour 10 the posted 100: 2 orders / 140 sessions
		assertThat(dashboard(store, Comparison.YESTERDAY, now).conversion().today())
			.isEqualTo(new BigDecimal("0.0143"));
	}

	@Test
	void sessionsAreReadOnceAndAgainWhenAnyoneChangesThem() throws InterruptedException {
		StoreRef store = store("UTC");
		Instant now = Instant.parse("2026-06-15T14:30:00Z");
		sell(store, 1, "2026-06-15T09:00:00Z", "10.00");
		sessions(store, "2026-06-15", 9, 100);
		Thread.sleep(1_000); // the post's own announcement arrives within milliseconds: reads after it are kept
		assertThat(dashboard(store, Comparison.YESTERDAY, now).conversion().today())
			.isEqualTo(new BigDecimal("0.0100"));

		// a change PostgreSQL does not announce is not seen: the sessions were kept, not read again
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("set local session_replication_role = replica").update();
			setSessionsBehindTheAppsBack(store, 50);
		});
		assertThat(dashboard(store, Comparison.YESTERDAY, now).conversion().today())
			.isEqualTo(new BigDecimal("0.0100"));

		// an announced change is read at once by the instance that made it, and by the others once announced
		sessions(store, "2026-06-15", 9, 30);
		assertThat(dashboard(store, Comparison.YESTERDAY, now).conversion().today())
			.isEqualTo(new BigDecimal("0.0125"));
		setSessionsBehindTheAppsBack(store, 25);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(dashboard(store, Comparison.YESTERDAY, now).conversion().today())
				.isEqualTo(new BigDecimal("0.0400")));
	}

	/** Today one order of 1.00 since midnight, the comparison day 4.00 in the span and 6.00 in all. */
	private static void assertMidnightSplit(Dashboard dashboard, LocalDate comparisonDay) {
		assertThat(dashboard.comparisonDay()).isEqualTo(comparisonDay);
		assertThat(dashboard.orders()).isEqualTo(figure("1", "1", "0.000"));
		assertThat(dashboard.revenue()).isEqualTo(figure("1.00", "4.00", "-0.750"));
		assertThat(dashboard.comparisonDayTotal()).isEqualTo(new DayTotal(2, new BigDecimal("6.0000")));
	}

	private static Figure figure(String today, String previous, String change) {
		return new Figure(decimal(today), decimal(previous), decimal(change));
	}

	private static BigDecimal decimal(String value) {
		return (value != null) ? new BigDecimal(value) : null;
	}

	private StoreRef store(String zone) {
		String domain = "figures-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		UUID id = this.jdbc
			.sql("insert into store (shopify_domain, timezone, currency) values (:domain, :zone, 'USD') returning id")
			.param("domain", domain)
			.param("zone", zone)
			.query(UUID.class)
			.single();
		return new StoreRef(id, new ShopDomain(domain), ZoneId.of(zone), "USD");
	}

	private Dashboard dashboard(StoreRef store, Comparison comparison, Instant now) {
		return this.figures.figures(store, comparison, now).dashboard();
	}

	private void sell(StoreRef store, long id, String processedAt, String total) {
		this.ledger.apply(store, snapshot(id, processedAt, total, null, false));
	}

	private static OrderSnapshot snapshot(long id, String processedAt, String total, String cancelledAt,
			boolean test) {
		Instant at = Instant.parse(processedAt);
		BigDecimal amount = new BigDecimal(total);
		return new OrderSnapshot(id, "#" + id, at, at, (cancelledAt != null) ? Instant.parse(cancelledAt) : at,
				(cancelledAt != null) ? Instant.parse(cancelledAt) : null, test, "USD", amount, amount, "PAID",
				List.of());
	}

	/** Posts the hour's sessions, as the traffic API does. */
	private void sessions(StoreRef store, String day, int hour, int sessions) {
		assertThat(this.traffic.add(store.id(), LocalDate.parse(day), hour, sessions, Integer.MAX_VALUE)).isPresent();
	}

	/** Sets every hour of the store's sessions, from outside the app: a script's change, or another instance's. */
	private void setSessionsBehindTheAppsBack(StoreRef store, int sessions) {
		this.jdbc.sql("update traffic_hourly set sessions = :sessions where store_id = :store")
			.param("store", store.id())
			.param("sessions", sessions)
			.update();
	}

}
