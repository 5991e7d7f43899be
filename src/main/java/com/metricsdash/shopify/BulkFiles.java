package com.metricsdash.shopify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Reads the JSONL file a finished bulk operation left at its URL and hands out its top-level objects, each as a
 * {@link BulkRecord} with every line nested under it. From Admin API 2026-01 Shopify writes the lines in no promised
 * order, a child before its parent at times, so no record is complete until the whole file is in. The file is
 * therefore staged in PostgreSQL as it downloads, many lines to a statement, and then handed out a page of records at
 * a time in file order: memory holds one page, however large the shop.
 * <p>
 * A store reads one file at a time (its initial sync holds the store's lock): reading a file replaces whatever the
 * store had staged, so a replay after a crash starts clean and a file no longer followed does not pile up, and the
 * staged lines are deleted once every record was handed out.
 */
@Component
public class BulkFiles {

	private static final int LINES_PER_STATEMENT = 1000;

	private static final Logger logger = LoggerFactory.getLogger(BulkFiles.class);

	private final RestClient http;

	private final BulkFileStaging staging;

	BulkFiles(ShopifyProperties properties, RestClient.Builder http, BulkFileStaging staging) {
		this.http = properties.client(http);
		this.staging = staging;
	}

	/**
	 * Downloads the file of the store's bulk operation {@code operationId} from {@code url} and hands its records to
	 * {@code pages}, in file order, at most {@code pageSize} at a time. A line whose parent is not in the file belongs
	 * to no record: it is left out with a warning that counts such lines.
	 */
	public void read(UUID storeId, String operationId, String url, int pageSize, Consumer<List<BulkRecord>> pages) {
		long lines = download(storeId, operationId, url);
		this.staging.analyze();
		long handedOut = 0;
		BulkFileStaging.Page page = this.staging.page(storeId, operationId, 0, pageSize);
		while (!page.records().isEmpty()) {
			pages.accept(page.records());
			handedOut += page.lines();
			page = this.staging.page(storeId, operationId, page.lastLine(), pageSize);
		}
		this.staging.clear(storeId);
		if (handedOut < lines) {
			logger.warn("{} of the {} lines in the file of bulk operation {} belong to no top-level object in it "
					+ "(their __parentId names an object the file does not hold); they were left out",
					lines - handedOut, lines, operationId);
		}
	}

	/**
	 * Stages the file, from its start again after a failure that may pass (its host answers a 5xx or a 429, the
	 * connection is lost, or the answer does not come within the read timeout), as the Admin API client does: up to
	 * {@value AdminApi#TRANSIENT_ATTEMPTS} tries in all, waiting {@link AdminApi#FIRST_BACKOFF} and twice as long
	 * before each further one. Returns how many lines the file held.
	 */
	private long download(UUID storeId, String operationId, String url) {
		Duration backoff = AdminApi.FIRST_BACKOFF;
		for (int attempt = 1;; attempt++) {
			this.staging.clear(storeId);
			try {
				return stage(storeId, operationId, url);
			}
			catch (AdminApiException | ResourceAccessException | UncheckedIOException ex) {
				if (ex instanceof AdminApiException failure && !failure.transientFailure()) {
					throw failure;
				}
				if (attempt == AdminApi.TRANSIENT_ATTEMPTS) {
					throw AdminApiException.transientFailure("Reading the file of bulk operation " + operationId
							+ " failed on all " + AdminApi.TRANSIENT_ATTEMPTS + " tries (" + ex.getMessage() + ")");
				}
				logger.debug("Reading the file of bulk operation {} failed ({}); trying again in {}", operationId,
						ex.getMessage(), backoff);
				AdminApi.pause(backoff);
				backoff = backoff.multipliedBy(2);
			}
		}
	}

	/** Streams the file into the staging table; returns how many lines it held. */
	private long stage(UUID storeId, String operationId, String url) {
		return this.http.get().uri(URI.create(url)).exchange((request, response) -> {
			int status = response.getStatusCode().value();
			if (status == HttpStatus.TOO_MANY_REQUESTS.value() || response.getStatusCode().is5xxServerError()) {
				throw AdminApiException.transientFailure("The bulk operation's file answered " + status);
			}
			if (!response.getStatusCode().is2xxSuccessful()) {
				throw new AdminApiException("The bulk operation's file answered " + status, false);
			}
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(response.getBody(), StandardCharsets.UTF_8))) {
				Iterator<String> lines = reader.lines().filter((line) -> !line.isBlank()).iterator();
				List<String> batch = new ArrayList<>(LINES_PER_STATEMENT);
				long count = 0;
				while (lines.hasNext()) {
					batch.add(lines.next());
					if (batch.size() == LINES_PER_STATEMENT || !lines.hasNext()) {
						this.staging.stage(storeId, operationId, count + 1, batch);
						count += batch.size();
						batch.clear();
					}
				}
				return count;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Reading the bulk operation's file failed", ex);
			}
		}, false);
	}

}
