package com.metricsdash.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.schema.DataFetchingEnvironment;

/**
 * Cursor pagination as Shopify does it: {@code first} (at most 250) and {@code after}, {@code reverse}, and a page
 * with {@code edges}, {@code nodes} and {@code pageInfo}. A cursor holds the sort value and id of its item, so a walk
 * stays exact while items change between pages. In a bulk query nested connections return everything, and the root
 * connection is paged by the export's {@link AdminRequest.BulkWindow}.
 */
final class Connections {

	static final int MAX_PAGE = 250;

	private static final Pattern CURSOR = Pattern.compile("\\{\"last_id\":(\\d+),\"last_value\":(-?\\d+)}");

	private Connections() {
	}

	/**
	 * One page of {@code items}.
	 * @param type the node type, e.g. {@code Order}; the connection is {@code OrderConnection}
	 * @param sortValue the value the items are sorted by (ties broken by id)
	 * @param id an item's numeric id
	 * @param node the GraphQL object of an item
	 */
	static <T> Connection page(DataFetchingEnvironment env, String type, List<T> items, ToLongFunction<T> sortValue,
			ToLongFunction<T> id, Function<T, Object> node) {
		AdminRequest request = AdminRequest.of(env);
		boolean root = env.getExecutionStepInfo().getPath().getLevel() == 1;
		int first;
		String after;
		if (!request.bulkQuery()) {
			first = pageSize(env);
			after = env.getArgument("after");
		}
		else if (root) {
			first = MAX_PAGE;
			after = request.bulk().after();
		}
		else {
			first = Integer.MAX_VALUE;
			after = null;
		}
		boolean reverse = Boolean.TRUE.equals(env.getArgument("reverse"));
		Comparator<T> order = Comparator.<T>comparingLong(sortValue).thenComparingLong(id);
		List<T> sorted = new ArrayList<>(items);
		sorted.sort(reverse ? order.reversed() : order);
		int start = 0;
		if (after != null) {
			long[] cursor = decode(after);
			int direction = reverse ? -1 : 1;
			while (start < sorted.size() && direction * compare(sorted.get(start), sortValue, id, cursor) <= 0) {
				start++;
			}
		}
		int end = (int) Math.min(sorted.size(), (long) start + first);
		List<Edge> edges = new ArrayList<>();
		for (T item : sorted.subList(start, end)) {
			edges.add(new Edge(type + "Edge", encode(id.applyAsLong(item), sortValue.applyAsLong(item)),
					node.apply(item)));
		}
		Connection connection = new Connection(type + "Connection", edges, end < sorted.size(), after != null);
		if (request.bulkQuery() && root) {
			request.bulk().pageReturned(connection.endCursor(), connection.hasNextPage());
		}
		return connection;
	}

	/** Compares an item's position (sort value, then id) with a cursor's. */
	private static <T> int compare(T item, ToLongFunction<T> sortValue, ToLongFunction<T> id, long[] cursor) {
		int bySort = Long.compare(sortValue.applyAsLong(item), cursor[0]);
		return (bySort != 0) ? bySort : Long.compare(id.applyAsLong(item), cursor[1]);
	}

	private static int pageSize(DataFetchingEnvironment env) {
		Integer first = env.getArgument("first");
		if (first == null) {
			throw new AdminQueryException("BAD_REQUEST", "The simulator pages connections with first and after only");
		}
		if (first < 0 || first > MAX_PAGE) {
			throw new AdminQueryException("BAD_REQUEST",
					"The first argument must be between 0 and " + MAX_PAGE + ", got " + first);
		}
		return first;
	}

	private static String encode(long id, long sortValue) {
		String json = "{\"last_id\":" + id + ",\"last_value\":" + sortValue + "}";
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	/** The sort value and id a cursor stands after. */
	private static long[] decode(String cursor) {
		try {
			String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			Matcher matcher = CURSOR.matcher(json);
			if (matcher.matches()) {
				return new long[] { Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(1)) };
			}
		}
		catch (IllegalArgumentException ex) {
			// not base64 or out of range: the same answer as any other malformed cursor
		}
		throw new AdminQueryException("BAD_REQUEST", "Invalid cursor for current pagination sort.");
	}

	/** A page of a connection, e.g. an {@code OrderConnection}. */
	record Connection(String typeName, List<Edge> edges, boolean hasNextPage,
			boolean hasPreviousPage) implements GraphqlObject {

		String endCursor() {
			return this.edges.isEmpty() ? null : this.edges.get(this.edges.size() - 1).cursor();
		}

		@Override
		public Object field(String name, DataFetchingEnvironment env) {
			return switch (name) {
				case "edges" -> this.edges;
				case "nodes" -> this.edges.stream().map(Edge::node).toList();
				case "pageInfo" -> pageInfo();
				default -> null;
			};
		}

		private Map<String, Object> pageInfo() {
			Map<String, Object> pageInfo = new LinkedHashMap<>();
			pageInfo.put("hasNextPage", this.hasNextPage);
			pageInfo.put("hasPreviousPage", this.hasPreviousPage);
			pageInfo.put("startCursor", this.edges.isEmpty() ? null : this.edges.get(0).cursor());
			pageInfo.put("endCursor", endCursor());
			return pageInfo;
		}

	}

	/** One item of a page and its cursor. */
	record Edge(String typeName, String cursor, Object node) implements GraphqlObject {

		@Override
		public Object field(String name, DataFetchingEnvironment env) {
			return switch (name) {
				case "cursor" -> this.cursor;
				case "node" -> this.node;
				default -> null;
			};
		}

	}

}
