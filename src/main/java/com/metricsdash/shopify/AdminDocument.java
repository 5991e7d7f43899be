package com.metricsdash.shopify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;

/**
 * A GraphQL document the app sends to the Admin API, kept as a file under {@code shopify/graphql/} so that a test can
 * validate every one of them against the schema the project ships.
 * <p>
 * A document is sent to the pinned API version ({@code metricsdash.shopify.api-version}) unless its first line names
 * another, as {@code # api-version: 2025-10}: for the few fields Shopify added after the pinned version (ShopifyQL),
 * the document itself says which version it is written for, so that the client sends it there and the test validates
 * it against that version's schema.
 *
 * @param apiVersion the version the document is written for, or {@code null} for the pinned one
 */
public record AdminDocument(String name, String text, String apiVersion) {

	private static final Pattern VERSION_LINE = Pattern.compile("\\A# api-version: (\\d{4}-\\d{2})\\R");

	public static final AdminDocument SHOP = load("shop");

	public static final AdminDocument WEBHOOK_SUBSCRIPTIONS = load("webhookSubscriptions");

	public static final AdminDocument WEBHOOK_SUBSCRIPTION_CREATE = load("webhookSubscriptionCreate");

	public static final AdminDocument BULK_OPERATION_RUN_QUERY = load("bulkOperationRunQuery");

	public static final AdminDocument BULK_OPERATION = load("bulkOperation");

	public static final AdminDocument CURRENT_BULK_OPERATION = load("currentBulkOperation");

	/** Reads {@code shopify/graphql/{name}.graphql} from the classpath. */
	public static AdminDocument load(String name) {
		String text;
		try {
			text = new ClassPathResource("shopify/graphql/" + name + ".graphql").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No GraphQL document " + name, ex);
		}
		Matcher version = VERSION_LINE.matcher(text);
		return new AdminDocument(name, text, version.find() ? version.group(1) : null);
	}

}
