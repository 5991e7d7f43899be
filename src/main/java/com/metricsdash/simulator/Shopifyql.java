package com.metricsdash.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shopify's {@code shopifyqlQuery} (in the Admin API since 2025-10), as far as the app uses it: the storefront sessions of each
 * local hour over whole days, {@code FROM sessions SHOW sessions GROUP BY hour SINCE yyyy-MM-dd UNTIL yyyy-MM-dd},
 * optionally {@code ORDER BY hour ASC|DESC}; keywords in any case. The answer has Shopify's shape: typed columns and
 * one row per hour that had sessions, keyed by column name, the hour as {@code yyyy-MM-ddThh} in the shop's timezone
 * and the count as a string. Any other ShopifyQL answers {@code parseErrors} and no table, as Shopify does for a query
 * it cannot run; the simulator does not pretend to know the rest of the language.
 */
final class Shopifyql {

	/** What the token needs, and the error Shopify gives without it. */
	static final String SCOPE = "read_reports";

	private static final Pattern SESSIONS_BY_HOUR = Pattern.compile(
			"\\s*FROM\\s+sessions\\s+SHOW\\s+sessions\\s+GROUP\\s+BY\\s+hour\\s+SINCE\\s+(\\S+)\\s+UNTIL\\s+(\\S+)"
					+ "(?:\\s+ORDER\\s+BY\\s+hour(?:\\s+(ASC|DESC))?)?\\s*",
			Pattern.CASE_INSENSITIVE);

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH");

	private Shopifyql() {
	}

	/** The {@code ShopifyqlQueryResponse} of a query, run against the shop as it is at {@code now}. */
	static Map<String, Object> run(SimShop shop, String query, Instant now) {
		Matcher sessionsByHour = SESSIONS_BY_HOUR.matcher(query);
		if (!sessionsByHour.matches()) {
			return parseErrors("The simulator runs only FROM sessions SHOW sessions GROUP BY hour SINCE yyyy-MM-dd "
					+ "UNTIL yyyy-MM-dd [ORDER BY hour ASC|DESC], and not: " + query.strip());
		}
		LocalDate since;
		LocalDate until;
		try {
			since = LocalDate.parse(sessionsByHour.group(1));
			until = LocalDate.parse(sessionsByHour.group(2));
		}
		catch (DateTimeParseException ex) {
			return parseErrors("SINCE and UNTIL take dates as yyyy-MM-dd: " + ex.getParsedString());
		}
		if (until.isBefore(since)) {
			return parseErrors("The UNTIL date " + until + " can't be before the SINCE date " + since);
		}
		List<Map<String, Object>> rows = new ArrayList<>();
		shop.sessions(since, until, now).forEach((hour, sessions) -> rows.add(row(hour, sessions)));
		if ("DESC".equalsIgnoreCase(sessionsByHour.group(3))) {
			rows.sort((first, second) -> ((String) second.get("hour")).compareTo((String) first.get("hour")));
		}
		Map<String, Object> table = new LinkedHashMap<>();
		table.put("columns", List.of(column("hour", "HOUR_TIMESTAMP", "Hour"),
				column("sessions", "INTEGER", "Sessions")));
		table.put("rows", rows);
		return response(List.of(), table);
	}

	/** The error Shopify answers, with {@code data.shopifyqlQuery} null, when the token lacks {@link #SCOPE}. */
	static AdminQueryException accessDenied() {
		String requiredAccess = "`" + SCOPE + "` access scope.";
		return new AdminQueryException("ACCESS_DENIED",
				"Access denied for shopifyqlQuery field. Required access: " + requiredAccess,
				Map.of("documentation", "https://shopify.dev/api/usage/access-scopes", "requiredAccess",
						requiredAccess));
	}

	private static Map<String, Object> row(LocalDateTime hour, long sessions) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("hour", HOUR.format(hour));
		row.put("sessions", Long.toString(sessions));
		return row;
	}

	private static Map<String, Object> column(String name, String dataType, String displayName) {
		Map<String, Object> column = new LinkedHashMap<>();
		column.put("name", name);
		column.put("dataType", dataType);
		column.put("displayName", displayName);
		column.put("subType", null);
		return column;
	}

	private static Map<String, Object> parseErrors(String error) {
		return response(List.of(error), null);
	}

	private static Map<String, Object> response(List<String> parseErrors, Map<String, Object> tableData) {
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("parseErrors", parseErrors);
		response.put("parseWarnings", List.of());
		response.put("tableData", tableData);
		return response;
	}

}
