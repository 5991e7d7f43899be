package com.metricsdash.shopify;

import com.metricsdash.system.ClassPathText;

/**
 * A GraphQL document the app sends to the Admin API, kept as a file under {@code shopify/graphql/} so that a test can
 * validate every one of them against the schema of the pinned version, the one version every document is sent to.
 */
public record AdminDocument(String name, String text) {

	public static final AdminDocument SHOP = load("shop");

	public static final AdminDocument WEBHOOK_SUBSCRIPTIONS = load("webhookSubscriptions");

	public static final AdminDocument WEBHOOK_SUBSCRIPTION_CREATE = load("webhookSubscriptionCreate");

	public static final AdminDocument BULK_OPERATION_RUN_QUERY = load("bulkOperationRunQuery");

	public static final AdminDocument BULK_OPERATION = load("bulkOperation");

	public static final AdminDocument CURRENT_BULK_OPERATION = load("currentBulkOperation");

	/** Reads {@code shopify/graphql/{name}.graphql} from the classpath. */
	public static AdminDocument load(String name) {
		return new AdminDocument(name, ClassPathText.read("shopify/graphql/" + name + ".graphql"));
	}

}
