package com.metricsdash.live;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import com.metricsdash.security.ApiTokens;
import com.metricsdash.security.StoreOwner;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.shopify.IdTokens;
import com.metricsdash.system.LastKnown;
import com.metricsdash.system.RateLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Decides at the handshake who may follow {@code /ws/stores/{storeId}}: a browser session signed in as that store's
 * owner, or a token (in {@code Authorization: Bearer}, or in {@code ?access_token=} where a browser cannot set
 * headers) that the API takes for that store: a Shopify session token of the shop installed under that id, or an API
 * token issued for it. Without valid credentials the handshake is answered 401, for another store (or an id that is
 * none) 403. A socket opened with a token lives only as long as the token is valid, unless the page renews it with a
 * fresh one ({@link #validUntil(String, UUID)}, see {@link LiveSocketHandler}).
 * <p>
 * Only then are the store's limits applied, so that nobody else can use them up: at most
 * {@code metricsdash.live.sockets-per-store} sockets of a store open on this instance (counted per instance, where
 * they are known without asking anyone; with n instances a store may hold n times as many; handshakes of the same
 * moment may each see the last free place), and at most
 * {@code metricsdash.limits.handshakes-per-store} handshakes a window across all instances ({@link RateLimits}).
 * Over either, 429 (the rate with {@code Retry-After}); the page then polls, and is Live again once its socket gets in.
 * An instance that holds {@code metricsdash.live.sockets-per-instance} sockets already answers 503 with
 * {@code Retry-After} to any store, so that its connections are left for requests; another instance behind the load
 * balancer may take the socket meanwhile.
 * <p>
 * While the credentials cannot be judged because PostgreSQL cannot be reached (it is down, or every connection of the
 * pool is taken, as when the pages of an instance that stopped all come back at once), the handshake is answered 503
 * with {@code Retry-After}, not an error: the page polls meanwhile and its socket comes back with its next try.
 */
@Component
class LiveHandshake implements HandshakeInterceptor {

	private static final Logger logger = LoggerFactory.getLogger(LiveHandshake.class);

	private static final String BEARER = "Bearer ";

	/** When a page may try again on an instance that has no room for its socket: sockets close as pages do. */
	private static final Duration RETRY_WHEN_FULL = Duration.ofSeconds(30);

	/** When a page may try again while the database cannot be reached: a pool taken by a burst frees within seconds. */
	private static final Duration RETRY_WHEN_UNREACHABLE = Duration.ofSeconds(5);

	private final IdTokens idTokens;

	private final ApiTokens apiTokens;

	private final Stores stores;

	private final LiveSockets sockets;

	private final LiveProperties properties;

	private final RateLimits limits;

	LiveHandshake(IdTokens idTokens, ApiTokens apiTokens, Stores stores, LiveSockets sockets, LiveProperties properties,
			RateLimits limits) {
		this.idTokens = idTokens;
		this.apiTokens = apiTokens;
		this.stores = stores;
		this.sockets = sockets;
		this.properties = properties;
		this.limits = limits;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		try {
			return admit(request, response, attributes);
		}
		catch (RuntimeException ex) {
			if (!LastKnown.databaseUnreachable(ex)) {
				throw ex;
			}
			// debug: a burst of reconnecting pages would log a line each, and the pool reports the outage itself
			logger.debug("Socket {} refused for now: the database is unreachable: {}", request.getURI().getPath(),
					ex.getMessage());
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_WHEN_UNREACHABLE.toSeconds()));
			return refuse(response, HttpStatus.SERVICE_UNAVAILABLE);
		}
	}

	private boolean admit(ServerHttpRequest request, ServerHttpResponse response, Map<String, Object> attributes) {
		MultiValueMap<String, String> query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
		Optional<UUID> storeId = storeId(request.getURI().getPath());
		Optional<String> token = token(request, query);
		boolean allowed;
		Instant validUntil = null;
		UUID apiTokenId = null;
		if (token.isPresent()) {
			Optional<Bearer> bearer = bearer(token.get());
			if (bearer.isEmpty()) {
				return refuse(response, HttpStatus.UNAUTHORIZED);
			}
			allowed = storeId.flatMap(this.stores::installed).filter(bearer.get().owns()).isPresent();
			validUntil = bearer.get().validUntil();
			apiTokenId = bearer.get().apiTokenId();
		}
		else if (request.getPrincipal() instanceof Authentication authentication
				&& authentication.getPrincipal() instanceof StoreOwner owner) {
			allowed = storeId.filter(owner.storeId()::equals).flatMap(this.stores::installed).isPresent();
		}
		else {
			return refuse(response, HttpStatus.UNAUTHORIZED);
		}
		if (!allowed) {
			return refuse(response, HttpStatus.FORBIDDEN);
		}
		if (this.sockets.count() >= this.properties.socketsPerInstance()) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_WHEN_FULL.toSeconds()));
			return refuse(response, HttpStatus.SERVICE_UNAVAILABLE);
		}
		if (this.sockets.count(storeId.get()) >= this.properties.socketsPerStore()) {
			return refuse(response, HttpStatus.TOO_MANY_REQUESTS);
		}
		Optional<RateLimits.Exceeded> exceeded = this.limits.hit(RateLimits.Limit.HANDSHAKES, storeId.get().toString());
		if (exceeded.isPresent()) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(exceeded.get().retryAfterSeconds()));
			return refuse(response, HttpStatus.TOO_MANY_REQUESTS);
		}
		attributes.put(Subscription.ATTRIBUTE,
				new Subscription(storeId.get(), "json".equals(query.getFirst("format")), validUntil, apiTokenId));
		return true;
	}

	/**
	 * Until when the token may keep a socket of the store open: empty unless the handshake would let it in now. A
	 * socket's renewal is judged by this, so a renewal can never open more than a new handshake could.
	 * @throws RuntimeException what the lookups failed with, e.g. while the database cannot be reached
	 */
	Optional<Instant> validUntil(String token, UUID storeId) {
		return bearer(token).filter((bearer) -> this.stores.installed(storeId).filter(bearer.owns()).isPresent())
			.map(Bearer::validUntil);
	}

	private Optional<Bearer> bearer(String token) {
		if (ApiTokens.isApiToken(token)) {
			return this.apiTokens.verify(token)
				.map((grant) -> new Bearer((store) -> store.id().equals(grant.storeId()), grant.expiresAt(),
						grant.tokenId()));
		}
		return this.idTokens.verify(token)
			.map((verified) -> new Bearer((store) -> store.shop().equals(verified.shop()), verified.validUntil(), null));
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

	private static Optional<String> token(ServerHttpRequest request, MultiValueMap<String, String> query) {
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.startsWith(BEARER)) {
			return Optional.of(authorization.substring(BEARER.length()));
		}
		return Optional.ofNullable(query.getFirst("access_token"))
			.map((value) -> UriUtils.decode(value, StandardCharsets.UTF_8));
	}

	private static Optional<UUID> storeId(String path) {
		try {
			return Optional.of(UUID.fromString(path.substring(path.lastIndexOf('/') + 1)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static boolean refuse(ServerHttpResponse response, HttpStatus status) {
		response.setStatusCode(status);
		return false;
	}

	/** A valid token: which installed stores it speaks for, until when, and its id if it is one of the app's API tokens. */
	private record Bearer(Predicate<StoreRef> owns, Instant validUntil, UUID apiTokenId) {
	}

}
