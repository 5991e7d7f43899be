package com.metricsdash.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Failures a test scripts for a shop, which its Shopify then gives instead of an answer, as Shopify does at times: a
 * 429 with the bucket empty, a 5xx, an answer that comes later than the app waits, and on a bulk operation's file (at
 * Shopify a signed Cloud Storage URL) a 5xx or the same stall. A script is a queue of steps per shop, per Admin API
 * root field (or the file), each step taken by the next request that matches it: a fault, or a pass that lets one
 * request through, so that a fault lands on the request a test means. Faults given are counted, so that a test knows
 * the app met them.
 * <p>
 * Only tests write scripts, through this Java API: no request to the simulator can, and no bean of the simulator
 * exists unless {@code metricsdash.simulator.enabled}.
 */
@Component
@ConditionalOnSimulator
class SimFaults {

	/** Where the fault is given: the Admin API ({@code graphql.json}) or a bulk operation's file. */
	enum Target {

		ADMIN_API, BULK_FILE

	}

	enum Kind {

		/** 429 with Shopify's THROTTLED answer, the shop's bucket emptied first (Admin API only). */
		THROTTLED,

		/** The status given, with the body Shopify (or the file's host) gives with it. */
		ERROR,

		/**
		 * The request is served, and its answer held back for {@code hold} or until the test releases the shop:
		 * longer than the app waits for it.
		 */
		HANG

	}

	/** One fault; {@code status} for {@link Kind#ERROR}, {@code hold} for {@link Kind#HANG}. */
	record Fault(Kind kind, int status, Duration hold) {

		static Fault throttled() {
			return new Fault(Kind.THROTTLED, 429, Duration.ZERO);
		}

		static Fault error(int status) {
			if (status < 500 || status > 599) {
				throw new IllegalArgumentException("A server error is a 5xx, not " + status);
			}
			return new Fault(Kind.ERROR, status, Duration.ZERO);
		}

		static Fault hang(Duration hold) {
			return new Fault(Kind.HANG, 200, hold);
		}

	}

	/** Any request of the target: the bulk file, which has no root field. */
	static final String ANY = "";

	private static final Logger logger = LoggerFactory.getLogger(SimFaults.class);

	private final Map<String, ShopScript> scripts = new ConcurrentHashMap<>();

	/** Adds a step to the shop's script for requests of {@code target} asking for {@code rootField}; {@code null} passes one. */
	void add(String domain, Target target, String rootField, Fault fault) {
		this.scripts.computeIfAbsent(domain, (key) -> new ShopScript()).add(new Key(target, rootField), fault);
	}

	/**
	 * Takes the next step for this Admin API request, if the shop has a script: the fault to give, or empty to answer
	 * it. Unscripted shops cost nothing; scripted ones have the request's document parsed for its root fields.
	 */
	Optional<Fault> nextAdminApi(String domain, String query, String operationName) {
		ShopScript script = this.scripts.get(domain);
		if (script == null) {
			return Optional.empty();
		}
		for (String field : rootFields(query, operationName)) {
			Optional<Fault> fault = script.take(new Key(Target.ADMIN_API, field));
			if (fault.isPresent()) {
				logger.info("Simulator: {} answers {} with {}", domain, field, fault.get());
				return fault;
			}
		}
		return Optional.empty();
	}

	/** Takes the next step for a download of one of the shop's bulk operation files. */
	Optional<Fault> nextBulkFile(String domain) {
		ShopScript script = this.scripts.get(domain);
		Optional<Fault> fault = (script != null) ? script.take(new Key(Target.BULK_FILE, ANY)) : Optional.empty();
		fault.ifPresent((given) -> logger.info("Simulator: {} answers a bulk file download with {}", domain, given));
		return fault;
	}

	/** Holds back an answer of the shop for {@code hold}, or until the shop is {@linkplain #release released}. */
	void hold(String domain, Duration hold) {
		ShopScript script = this.scripts.get(domain);
		if (script == null) {
			return;
		}
		try {
			script.released.await(hold.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Ends the shop's script: what it has not given is dropped, and every answer held back goes out now. */
	void release(String domain) {
		ShopScript script = this.scripts.remove(domain);
		if (script != null) {
			script.released.countDown();
		}
	}

	/** How many faults the shop gave. */
	int given(String domain) {
		ShopScript script = this.scripts.get(domain);
		return (script != null) ? script.given() : 0;
	}

	/** How many faults the shop's script still holds, passes not counted. */
	int pending(String domain) {
		ShopScript script = this.scripts.get(domain);
		return (script != null) ? script.pending() : 0;
	}

	/** How many Admin API requests asking for {@code rootField} the shop saw since its script was started. */
	int requests(String domain, String rootField) {
		ShopScript script = this.scripts.get(domain);
		return (script != null) ? script.requests(new Key(Target.ADMIN_API, rootField)) : 0;
	}

	/** How many downloads of a bulk file the shop saw since its script was started. */
	int bulkFileRequests(String domain) {
		ShopScript script = this.scripts.get(domain);
		return (script != null) ? script.requests(new Key(Target.BULK_FILE, ANY)) : 0;
	}

	/** The root fields of the operation the request runs; none when it does not parse (it is refused anyway). */
	private static Set<String> rootFields(String query, String operationName) {
		Set<String> fields = new LinkedHashSet<>();
		Document document;
		try {
			document = Parser.parse(query);
		}
		catch (InvalidSyntaxException ex) {
			return fields;
		}
		for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
			if (operationName == null || operationName.equals(operation.getName())) {
				operation.getSelectionSet()
					.getSelectionsOfType(Field.class)
					.forEach((field) -> fields.add(field.getName()));
			}
		}
		return fields;
	}

	private record Key(Target target, String rootField) {
	}

	private static final class ShopScript {

		private final Map<Key, Deque<Optional<Fault>>> steps = new HashMap<>();

		private final Map<Key, Integer> requests = new HashMap<>();

		private final CountDownLatch released = new CountDownLatch(1);

		private int given;

		synchronized void add(Key key, Fault fault) {
			this.steps.computeIfAbsent(key, (k) -> new ArrayDeque<>()).add(Optional.ofNullable(fault));
		}

		synchronized Optional<Fault> take(Key key) {
			this.requests.merge(key, 1, Integer::sum);
			Deque<Optional<Fault>> queue = this.steps.get(key);
			Optional<Fault> step = (queue != null && !queue.isEmpty()) ? queue.poll() : Optional.empty();
			if (step.isPresent()) {
				this.given++;
			}
			return step;
		}

		synchronized int given() {
			return this.given;
		}

		synchronized int pending() {
			return (int) this.steps.values().stream().flatMap(Deque::stream).filter(Optional::isPresent).count();
		}

		synchronized int requests(Key key) {
			return this.requests.getOrDefault(key, 0);
		}

	}

}
