package com.metricsdash.shopify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Reads the JSONL file a finished bulk operation left at its URL, line by line as it downloads, and hands out one
 * {@link BulkRecord} at a time: only one top-level object and its children are ever held in memory, however large
 * the export. Shopify writes every child after its parent, so a record is complete when the next top-level line
 * starts.
 */
@Component
public class BulkFiles {

	private final RestClient http;

	private final ObjectMapper json;

	BulkFiles(RestClient.Builder http, ObjectMapper json) {
		this.http = http.build();
		this.json = json;
	}

	/** Streams the file at {@code url} into {@code records}; returns how many lines it read. */
	public long read(String url, Consumer<BulkRecord> records) {
		return this.http.get().uri(java.net.URI.create(url)).exchange((request, response) -> {
			if (!response.getStatusCode().is2xxSuccessful()) {
				throw new AdminApiException("The bulk operation's file answered " + response.getStatusCode().value(),
						false);
			}
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(response.getBody(), StandardCharsets.UTF_8))) {
				return group(lines, records);
			}
		}, false);
	}

	private long group(BufferedReader lines, Consumer<BulkRecord> records) {
		long count = 0;
		JsonNode root = null;
		List<JsonNode> descendants = new ArrayList<>();
		Set<String> family = new HashSet<>();
		try {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.isBlank()) {
					continue;
				}
				count++;
				JsonNode node = this.json.readTree(line);
				String parent = node.path("__parentId").asString(null);
				if (parent == null) {
					if (root != null) {
						records.accept(new BulkRecord(root, List.copyOf(descendants)));
					}
					root = node;
					descendants.clear();
					family.clear();
				}
				else if (root == null || !family.contains(parent)) {
					throw new AdminApiException("Bulk file line " + count + " names a parent " + parent
							+ " that did not come before it", false);
				}
				else {
					descendants.add(node);
				}
				String id = node.path("id").asString(null);
				if (id != null) {
					family.add(id);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Reading the bulk operation's file failed", ex);
		}
		if (root != null) {
			records.accept(new BulkRecord(root, List.copyOf(descendants)));
		}
		return count;
	}

}
