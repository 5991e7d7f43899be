package com.metricsdash.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shopify's bulk operations: one query per shop at a time, run in the background page by page into a JSONL file in
 * the temporary directory (never the whole result in memory), served to the app at {@link #path} and announced with a
 * {@code bulk_operations/finish} webhook. Since 2026-01 Shopify promises no order of the lines unless asked for
 * {@code groupObjects: true}, so by default each page's lines are shuffled: a child line often comes before its
 * parent, while memory stays bounded by a page (whose nested children are in the same page as their parent).
 */
@Component
@ConditionalOnSimulator
class BulkOperations implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(BulkOperations.class);

	private final Map<String, BulkOperation> currentByShop = new ConcurrentHashMap<>();

	/** Every operation by its {@link #path}, which names both its shop and its id. */
	private final Map<String, BulkOperation> byPath = new ConcurrentHashMap<>();

	private final ExecutorService runner = Executors.newFixedThreadPool(2, (task) -> {
		Thread thread = new Thread(task, "simulator-bulk");
		thread.setDaemon(true);
		return thread;
	});

	private final Random random = new Random();

	private final Clock clock;

	private final SimWebhooks webhooks;

	private final JsonMapper json;

	BulkOperations(Clock clock, SimWebhooks webhooks, JsonMapper json) {
		this.clock = clock;
		this.webhooks = webhooks;
		this.json = json;
	}

	/** Where the result file of an operation is served, below the simulator's base URL. */
	static String path(SimShop shop, long id) {
		return "/simulator/" + shop.domain() + "/bulk/" + id + ".jsonl";
	}

	/**
	 * Checks a bulk query and starts it.
	 * @param groupObjects whether each object's children follow it, as asked with {@code groupObjects: true}
	 * @throws RejectedQueryException when the query breaks a bulk rule or another operation is still running
	 */
	BulkOperation start(AdminRequest request, String query, boolean groupObjects, GraphQLSchema schema) {
		BulkQuery bulkQuery = BulkQuery.check(query, schema);
		SimShop shop = request.shop();
		BulkOperation operation = new BulkOperation(shop.nextId(), query, request.now());
		BulkOperation running = this.currentByShop.compute(shop.domain(),
				(domain, current) -> (current != null && current.active()) ? current : operation);
		if (running != operation) {
			throw new RejectedQueryException("OPERATION_IN_PROGRESS",
					"A bulk query operation for this app and shop is already in progress: " + running.gid() + ".");
		}
		this.byPath.put(path(shop, operation.id()), operation);
		this.runner.execute(() -> run(operation, shop, bulkQuery, groupObjects, schema, request.baseUrl()));
		return operation;
	}

	Optional<BulkOperation> current(SimShop shop) {
		return Optional.ofNullable(this.currentByShop.get(shop.domain()));
	}

	/** An operation of this shop; another shop's id finds nothing. */
	Optional<BulkOperation> find(SimShop shop, long id) {
		return Optional.ofNullable(this.byPath.get(path(shop, id)));
	}

	private void run(BulkOperation operation, SimShop shop, BulkQuery query, boolean groupObjects,
			GraphQLSchema schema, String baseUrl) {
		try {
			if (shop.failingExports()) {
				operation.start();
				operation.fail("INTERNAL_SERVER_ERROR", this.clock.instant());
			}
			else if (operation.start()) {
				export(operation, shop, query, groupObjects, schema, baseUrl);
			}
			else {
				operation.canceled(this.clock.instant());
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Bulk operation {} of {} failed", operation.gid(), shop.domain(), ex);
			operation.fail("INTERNAL_SERVER_ERROR", this.clock.instant());
		}
		announce(shop, operation);
	}

	/**
	 * Runs the query page by page of its root connection, appending each page's lines to the file, grouped or
	 * shuffled.
	 */
	private void export(BulkOperation operation, SimShop shop, BulkQuery query, boolean groupObjects,
			GraphQLSchema schema, String baseUrl) throws IOException {
		GraphQL graphql = GraphQL.newGraphQL(schema).build();
		AdminRequest request = new AdminRequest(shop, this.clock.instant(), baseUrl, new AdminRequest.BulkWindow());
		Path file = Files.createTempFile("simulator-bulk-" + operation.id() + "-", ".jsonl");
		long objects = 0;
		long roots = 0;
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			do {
				if (operation.cancelRequested()) {
					operation.canceled(this.clock.instant());
					Files.delete(file);
					return;
				}
				ExecutionResult result = graphql.execute(ExecutionInput.newExecutionInput(query.text())
					.graphQLContext(Map.of(AdminRequest.class, request))
					.build());
				if (!result.getErrors().isEmpty()) {
					throw new IllegalStateException("Bulk query failed: " + result.getErrors());
				}
				List<Map<String, Object>> lines = new ArrayList<>();
				roots += query.write(result.getData(), lines::add);
				if (!groupObjects) {
					Collections.shuffle(lines, this.random);
				}
				for (Map<String, Object> line : lines) {
					out.write(this.json.writeValueAsString(line));
					out.write('\n');
				}
				objects += lines.size();
				operation.progress(objects, roots);
			}
			while (request.bulk().advance());
		}
		operation.complete(file, Files.size(file), baseUrl + path(shop, operation.id()), this.clock.instant());
	}

	/** Sends {@code bulk_operations/finish}; a webhook that cannot be sent does not undo the finished operation. */
	private void announce(SimShop shop, BulkOperation operation) {
		try {
			this.webhooks.publish(shop, "bulk_operations/finish", operation.finishPayload());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not publish bulk_operations/finish for {} of {}", operation.gid(), shop.domain(), ex);
		}
	}

	@Override
	public void destroy() {
		this.runner.shutdownNow();
		this.byPath.values().forEach((operation) -> {
			Path file = operation.file();
			if (file != null) {
				file.toFile().delete();
			}
		});
	}

	/** A bulk query Shopify would refuse, with its {@code BulkOperationUserErrorCode}. */
	static class RejectedQueryException extends RuntimeException {

		private final String code;

		RejectedQueryException(String code, String message) {
			super(message);
			this.code = code;
		}

		String code() {
			return this.code;
		}

	}

}
