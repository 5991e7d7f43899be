package com.metricsdash.inventory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The local days of a window on which each inventory item had stock at some moment, rebuilt from its levels' changes:
 * fed every item's changes together and each item's in time order, it keeps each location's level and their total,
 * and marks the days over which each positive total held. A change before the window is the level its location had
 * when the window opened; a total that held for no time (two locations changed at the same instant) marks nothing.
 * Day {@code 0} is the window's first.
 */
final class StockedDays {

	/** Where each local day of the window starts, and then where the window ends. */
	private final Instant[] starts;

	private final Map<Long, BitSet> days = new HashMap<>();

	private final Map<Long, Integer> levels = new HashMap<>();

	private Long item;

	private long total;

	private Instant since;

	StockedDays(LocalDate from, LocalDate until, ZoneId zone) {
		this.starts = from.datesUntil(until.plusDays(1))
			.map((day) -> day.atStartOfDay(zone).toInstant())
			.toArray(Instant[]::new);
	}

	/** The level of the item at the location became {@code available} at that instant. */
	void change(long item, long location, Instant at, int available) {
		if (this.item == null || this.item != item) {
			held(end());
			this.item = item;
			this.levels.clear();
			this.total = 0;
		}
		else {
			held(at);
		}
		Integer previous = this.levels.put(location, available);
		this.total += available - ((previous != null) ? previous : 0);
		this.since = at;
	}

	/** The days each item fed had stock, by inventory item; an item that never had any has no entry. */
	Map<Long, BitSet> days() {
		held(end());
		this.item = null;
		return this.days;
	}

	/** The current item's total held from {@link #since} until that instant. */
	private void held(Instant until) {
		if (this.item == null || this.total <= 0) {
			return;
		}
		Instant from = this.since.isAfter(this.starts[0]) ? this.since : this.starts[0];
		if (until.isAfter(from)) {
			this.days.computeIfAbsent(this.item, (key) -> new BitSet()).set(dayOf(from), dayOf(until.minusNanos(1)) + 1);
		}
	}

	/** The day an instant of the window falls on; {@link #held} asks for the last nanosecond before a total ended. */
	private int dayOf(Instant at) {
		int day = 0;
		while (day + 1 < this.starts.length - 1 && !this.starts[day + 1].isAfter(at)) {
			day++;
		}
		return day;
	}

	private Instant end() {
		return this.starts[this.starts.length - 1];
	}

}
