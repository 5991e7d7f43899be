package com.metricsdash.simulator;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Shopify's Admin API endpoint, {@code https://{shop}/admin/api/{version}/graphql.json}, below
 * {@code /simulator/{shop}}: unknown shops and versions are 404, a missing or wrong access token 401, both with
 * Shopify's bodies. A retired version is answered by the oldest supported one (see {@link ApiVersions}), and every
 * answer names the version that gave it in {@code X-Shopify-API-Version}, as Shopify's do. Also serves finished bulk
 * operation files, which at Shopify are signed storage URLs that need no token.
 */
@RestController
@ConditionalOnSimulator
class AdminGraphqlController {

	private static final String API_VERSION = "X-Shopify-API-Version";

	private static final MediaType JSONL = MediaType.parseMediaType("application/jsonl");

	private final SimulatedShops shops;

	private final AdminGraphql graphql;

	private final BulkOperations bulkOperations;

	private final Clock clock;

	AdminGraphqlController(SimulatedShops shops, AdminGraphql graphql, BulkOperations bulkOperations, Clock clock) {
		this.shops = shops;
		this.graphql = graphql;
		this.bulkOperations = bulkOperations;
		this.clock = clock;
	}

	@PostMapping(path = "/simulator/{shop}/admin/api/{version}/graphql.json",
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> graphql(@PathVariable String shop, @PathVariable String version,
			@RequestHeader(name = "X-Shopify-Access-Token", required = false) String token,
			@RequestBody(required = false) GraphqlRequest request) {
		Optional<SimShop> found = this.shops.find(shop);
		Optional<String> served = ApiVersions.serving(version,
				LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC));
		if (found.isEmpty() || served.isEmpty()) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("errors", "Not Found"));
		}
		SimShop simShop = found.get();
		if (simShop.outage()) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("errors", "Service Unavailable"));
		}
		if (token == null || !simShop.validAccessToken(token, this.clock.instant())) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.body(Map.of("errors", "[API] Invalid API key or access token (unrecognized login or wrong password)"));
		}
		if (request == null || request.query() == null || request.query().isBlank()) {
			return ResponseEntity.badRequest()
				.body(Map.of("errors", Map.of("query", "Required parameter missing or invalid")));
		}
		String baseUrl = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		return ResponseEntity.ok()
			.header(API_VERSION, served.get())
			.body(this.graphql.execute(simShop, request.query(), request.variables(), request.operationName(),
					baseUrl));
	}

	@GetMapping("/simulator/{shop}/bulk/{id}.jsonl")
	ResponseEntity<Resource> bulkFile(@PathVariable String shop, @PathVariable long id) {
		return this.shops.find(shop)
			.flatMap((simShop) -> this.bulkOperations.find(simShop, id))
			.map(BulkOperation::file)
			.map((file) -> ResponseEntity.ok().contentType(JSONL).<Resource>body(new FileSystemResource(file)))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	/** The body of an Admin API request. */
	record GraphqlRequest(String query, Map<String, Object> variables, String operationName) {
	}

}
