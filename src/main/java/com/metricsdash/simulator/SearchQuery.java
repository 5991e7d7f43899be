package com.metricsdash.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Shopify's search syntax ({@code query:} arguments) the app uses: time comparisons such as
 * {@code updated_at:>=2026-01-01T00:00:00Z}, joined by {@code AND} or by spaces. Terms on fields the simulator does
 * not know are ignored, as Shopify ignores unknown search terms; a malformed comparison on a known field, or syntax
 * the simulator does not implement ({@code OR}, {@code NOT}, parentheses), is refused rather than silently answered
 * wrongly.
 */
final class SearchQuery {

	private static final Set<String> TIME_FIELDS = Set.of("created_at", "updated_at", "processed_at");

	private static final Pattern TERM = Pattern.compile("([a-z_]+):(>=|<=|>|<)?['\"]?([^'\"]*)['\"]?");

	private final List<Term> terms;

	private SearchQuery(List<Term> terms) {
		this.terms = terms;
	}

	/**
	 * Parses a search query; null or blank matches everything.
	 * @param zone the shop's timezone, which a bare date ({@code 2026-01-01}) is read in
	 */
	static SearchQuery parse(String query, ZoneId zone) {
		List<Term> terms = new ArrayList<>();
		if (query != null) {
			for (String token : query.trim().split("\\s+")) {
				if (token.isEmpty() || token.equals("AND")) {
					continue;
				}
				if (token.equals("OR") || token.equals("NOT") || token.startsWith("(") || token.startsWith("-")) {
					throw invalid(query);
				}
				Matcher matcher = TERM.matcher(token);
				if (matcher.matches() && TIME_FIELDS.contains(matcher.group(1))) {
					String operator = (matcher.group(2) != null) ? matcher.group(2) : "=";
					terms.add(new Term(matcher.group(1), operator, instant(matcher.group(3), zone, query)));
				}
			}
		}
		return new SearchQuery(terms);
	}

	/** Whether an object matches every term, given its time fields by search name ({@code updated_at}, ...). */
	boolean matches(Map<String, Instant> times) {
		return this.terms.stream().allMatch((term) -> term.matches(times::get));
	}

	private static Instant instant(String value, ZoneId zone, String query) {
		try {
			return (value.length() == 10) ? LocalDate.parse(value).atStartOfDay(zone).toInstant()
					: Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw invalid(query);
		}
	}

	private static AdminQueryException invalid(String query) {
		return new AdminQueryException("BAD_REQUEST", "Invalid search query for the simulator: " + query);
	}

	private record Term(String field, String operator, Instant value) {

		boolean matches(Function<String, Instant> times) {
			Instant time = times.apply(this.field);
			if (time == null) {
				return false;
			}
			int comparison = time.compareTo(this.value);
			return switch (this.operator) {
				case ">=" -> comparison >= 0;
				case ">" -> comparison > 0;
				case "<=" -> comparison <= 0;
				case "<" -> comparison < 0;
				default -> comparison == 0;
			};
		}

	}

}
