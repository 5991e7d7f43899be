package com.metricsdash.simulator;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shopify's global ids, {@code gid://shopify/Order/123}: the Admin API names every object by one, and the numeric part
 * is a full {@code long}, so it is never routed through a double.
 */
final class Gids {

	private static final Pattern GID = Pattern.compile("gid://shopify/([A-Za-z]+)/(\\d{1,19})(\\?.*)?");

	private Gids() {
	}

	static String of(String type, long id) {
		return "gid://shopify/" + type + "/" + id;
	}

	/** The type and number of a global id, or nothing when it is not one. */
	static Optional<Gid> parse(String gid) {
		Matcher matcher = GID.matcher(gid);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(new Gid(matcher.group(1), Long.parseLong(matcher.group(2))));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/** The number of a global id of the given type, or nothing when it names another type or nothing at all. */
	static Optional<Long> idOf(String type, String gid) {
		return parse(gid).filter((parsed) -> parsed.type().equals(type)).map(Gid::id);
	}

	record Gid(String type, long id) {
	}

}
