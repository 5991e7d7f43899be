package com.metricsdash.simulator;

import java.time.Duration;

import org.springframework.context.ApplicationContext;

/**
 * What tests may make a simulated shop's Shopify do wrong, as Shopify does at times: answer 429 or a 5xx, or answer
 * later than the app waits. Each script is a queue of steps for one kind of request of one shop, each taken by the
 * next such request: a fault, or a pass that answers it, so that a fault lands on the request meant. For example
 * {@code adminApi(shop, "bulkOperationRunQuery").error(500).pass(1).hang(minutes(1))} fails the first export's start
 * once and holds back the answer to the second's.
 */
public final class SimulatorFaults {

	private final SimFaults faults;

	public SimulatorFaults(ApplicationContext context) {
		this.faults = context.getBean(SimFaults.class);
	}

	/** The script for the shop's Admin API requests whose operation asks for {@code rootField}, e.g. {@code node}. */
	public Script adminApi(String shop, String rootField) {
		return new Script(shop, SimFaults.Target.ADMIN_API, rootField);
	}

	/** The script for downloads of the shop's bulk operation files. */
	public Script bulkFile(String shop) {
		return new Script(shop, SimFaults.Target.BULK_FILE, SimFaults.ANY);
	}

	/** Ends the shop's scripts: steps not taken are dropped, and every answer held back goes out now. */
	public void release(String shop) {
		this.faults.release(shop);
	}

	/** How many faults the shop gave. */
	public int given(String shop) {
		return this.faults.given(shop);
	}

	/** How many scripted faults the shop has not given yet. */
	public int pending(String shop) {
		return this.faults.pending(shop);
	}

	/** How many Admin API requests asking for {@code rootField} the shop saw since its first script step. */
	public int requests(String shop, String rootField) {
		return this.faults.requests(shop, rootField);
	}

	/** How many downloads of its bulk files the shop saw since its first script step. */
	public int bulkFileRequests(String shop) {
		return this.faults.bulkFileRequests(shop);
	}

	/** Steps for one kind of request of one shop, taken in the order they were added. */
	public final class Script {

		private final String shop;

		private final SimFaults.Target target;

		private final String rootField;

		private Script(String shop, SimFaults.Target target, String rootField) {
			this.shop = shop;
			this.target = target;
			this.rootField = rootField;
		}

		/** Answers 429 with THROTTLED and {@code Retry-After}, the shop's bucket emptied (Admin API only). */
		public Script throttled() {
			if (this.target != SimFaults.Target.ADMIN_API) {
				throw new IllegalStateException("Only the Admin API answers THROTTLED");
			}
			return add(SimFaults.Fault.throttled());
		}

		/** Answers this 5xx, with the body Shopify (or the bulk file's host) gives with it. */
		public Script error(int status) {
			return add(SimFaults.Fault.error(status));
		}

		/** Serves the request and holds the answer back for {@code hold}, or until the shop is released. */
		public Script hang(Duration hold) {
			return add(SimFaults.Fault.hang(hold));
		}

		/** Lets the next {@code requests} through. */
		public Script pass(int requests) {
			for (int request = 0; request < requests; request++) {
				SimulatorFaults.this.faults.add(this.shop, this.target, this.rootField, null);
			}
			return this;
		}

		private Script add(SimFaults.Fault fault) {
			SimulatorFaults.this.faults.add(this.shop, this.target, this.rootField, fault);
			return this;
		}

	}

}
