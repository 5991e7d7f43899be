package com.metricsdash.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
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
 * operation files, which at Shopify are signed storage URLs that need no token. Either gives instead the failures a
 * test scripted for the shop ({@link SimFaults}), each as Shopify (or the file's host) gives it.
 */
@RestController
@ConditionalOnSimulator
class AdminGraphqlController {

	private static final String API_VERSION = "X-Shopify-API-Version";

	private static final MediaType JSONL = MediaType.parseMediaType("application/jsonl");

	private final SimulatedShops shops;

	private final AdminGraphql graphql;

	private final BulkOperations bulkOperations;

	private final SimFaults faults;

	private final Clock clock;

	AdminGraphqlController(SimulatedShops shops, AdminGraphql graphql, BulkOperations bulkOperations,
			SimFaults faults, Clock clock) {
		this.shops = shops;
		this.graphql = graphql;
		this.bulkOperations = bulkOperations;
		this.faults = faults;
		this.clock = clock;
	}

	@PostMapping(path = "/simulator/{shop}/admin/api/{version}/graphql.json",
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> graphql(@PathVariable String shop, @PathVariable String version,
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
		Optional<SimFaults.Fault> fault = this.faults.nextAdminApi(shop, request.query(), request.operationName());
		if (fault.isPresent() && fault.get().kind() == SimFaults.Kind.ERROR) {
			return serverError(fault.get().status(), served.get());
		}
		if (fault.isPresent() && fault.get().kind() == SimFaults.Kind.THROTTLED) {
			Optional<Map<String, Object>> throttled = this.graphql.throttle(simShop, request.query(),
					request.variables(), request.operationName());
			if (throttled.isPresent()) {
				return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
					.header(API_VERSION, served.get())
					.header(HttpHeaders.RETRY_AFTER, retryAfter(throttled.get()))
					.body(throttled.get());
			}
		}
		String baseUrl = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		Map<String, Object> answer = this.graphql.execute(simShop, request.query(), request.variables(),
				request.operationName(), baseUrl);
		fault.filter((given) -> given.kind() == SimFaults.Kind.HANG)
			.ifPresent((hang) -> this.faults.hold(shop, hang.hold()));
		return ResponseEntity.ok().header(API_VERSION, served.get()).body(answer);
	}

	@GetMapping("/simulator/{shop}/bulk/{id}.jsonl")
	ResponseEntity<?> bulkFile(@PathVariable String shop, @PathVariable long id) {
		Optional<Path> file = this.shops.find(shop)
			.flatMap((simShop) -> this.bulkOperations.find(simShop, id))
			.map(BulkOperation::file);
		if (file.isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		Optional<SimFaults.Fault> fault = this.faults.nextBulkFile(shop);
		if (fault.isPresent() && fault.get().kind() == SimFaults.Kind.ERROR) {
			return storageError(fault.get().status());
		}
		fault.filter((given) -> given.kind() == SimFaults.Kind.HANG)
			.ifPresent((hang) -> this.faults.hold(shop, hang.hold()));
		return ResponseEntity.ok().contentType(JSONL).body(new FileSystemResource(file.get()));
	}

	/**
	 * A 5xx as Shopify gives it: a 500 from the Admin API itself, with its GraphQL error and a request id; a 503 as
	 * during an outage; any other (a 502 or 504) from the edge in front of it, an HTML page without Shopify's headers.
	 */
	private static ResponseEntity<?> serverError(int status, String version) {
		if (status == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
			String requestId = UUID.randomUUID().toString();
			return ResponseEntity.status(status)
				.header(API_VERSION, version)
				.header("X-Request-Id", requestId)
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("errors", List.of(Map.of("message",
						"Internal error. Looks like something went wrong on our end.\nRequest ID: " + requestId
								+ " (include this in support requests).",
						"extensions", Map.of("code", "INTERNAL_SERVER_ERROR", "requestId", requestId)))));
		}
		if (status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
			return ResponseEntity.status(status)
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("errors", "Service Unavailable"));
		}
		String reason = reason(status);
		return ResponseEntity.status(status)
			.contentType(MediaType.TEXT_HTML)
			.body("<!DOCTYPE html><html><head><title>" + status + " " + reason + "</title></head><body><h1>" + status
					+ " " + reason + "</h1></body></html>");
	}

	/** A 5xx as Cloud Storage, which holds Shopify's bulk files, gives it: an XML error document. */
	private static ResponseEntity<?> storageError(int status) {
		String code = (status == HttpStatus.INTERNAL_SERVER_ERROR.value()) ? "InternalError"
				: reason(status).replace(" ", "");
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_XML)
			.body("<?xml version='1.0' encoding='UTF-8'?><Error><Code>" + code
					+ "</Code><Message>We encountered an internal error. Please try again.</Message></Error>");
	}

	private static String reason(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Server Error";
	}

	/** Whole seconds until the bucket holds the throttled query's cost again, at least 1. */
	private static String retryAfter(Map<String, Object> throttled) {
		Map<?, ?> cost = (Map<?, ?>) ((Map<?, ?>) throttled.get("extensions")).get("cost");
		Map<?, ?> status = (Map<?, ?>) cost.get("throttleStatus");
		double missing = ((Number) cost.get("requestedQueryCost")).doubleValue()
				- ((Number) status.get("currentlyAvailable")).doubleValue();
		double seconds = missing / ((Number) status.get("restoreRate")).doubleValue();
		return String.valueOf(Math.max(1, (long) Math.ceil(seconds)));
	}

	/** The body of an Admin API request. */
	record GraphqlRequest(String query, Map<String, Object> variables, String operationName) {
	}

}
