package com.metricsdash.security;

import java.io.IOException;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.metricsdash.shopify.IdTokens;
import com.metricsdash.system.ProblemResponses;

import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * The app's filter chains: one for the operator pages and the operations endpoints, one for the JSON API, one for
 * everything else (Shopify's webhook deliveries are answered ahead of them all, by the intake that verifies their
 * signature). Pages a store owner sees need a signed-in session (sign-in happens only through Shopify) or, embedded
 * in the Shopify admin, a Shopify session token; Shopify-facing endpoints (OAuth) and the simulator verify their own
 * signatures instead, so CSRF tokens do not apply to them, and nor do the links of a digest mail
 * ({@code /digest/**}), whose signed token is their credential. The live-update WebSocket authorises its own
 * handshake (session or Shopify session token, see the live module), so the chain lets it through and keeps CSRF out
 * of the upgrade.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private final HstsProperties hsts;

	SecurityConfiguration(HstsProperties hsts) {
		this.hsts = hsts;
	}

	/**
	 * The operator pages and the operations endpoints: HTTP Basic as user {@code operator} with
	 * {@code METRICSDASH_OPERATOR_PASSWORD}, forms protected by CSRF tokens; closed to everyone when no password is
	 * set. Metrics and the health of each component tell an attacker what runs and how it copes, so only the overall
	 * health and the liveness and readiness probes, which a load balancer or orchestrator asks without credentials,
	 * stay open (their components and details show to the operator only, see application.properties).
	 */
	/** Ahead of the session filter, whose failures it turns into a page that says Redis is unreachable. */
	@Bean
	FilterRegistrationBean<SessionStoreUnreachable> sessionStoreUnreachable(ThymeleafViewResolver views) {
		FilterRegistrationBean<SessionStoreUnreachable> registration = new FilterRegistrationBean<>(
				new SessionStoreUnreachable(views));
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
		return registration;
	}

	/**
	 * No observation of each filter, authentication and authorization: they cost a fifth of an API read's CPU, and
	 * every request is still timed as a whole ({@code http.server.requests}).
	 */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@Order(1)
	SecurityFilterChain operator(HttpSecurity http, OperatorProperties operator) throws Exception {
		http.securityMatcher("/operator/**", "/actuator/**")
			.authorizeHttpRequests((requests) -> {
				requests.requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
					.permitAll();
				if (operator.enabled()) {
					requests.anyRequest().hasRole("OPERATOR");
				}
				else {
					requests.anyRequest().denyAll();
				}
			})
			.httpBasic(Customizer.withDefaults())
			.headers(this::pageHeaders);
		if (operator.enabled()) {
			http.userDetailsService(new InMemoryUserDetailsManager(User.withUsername("operator")
				.password("{bcrypt}" + new BCryptPasswordEncoder().encode(operator.password()))
				.roles("OPERATOR")
				.build()));
		}
		return http.build();
	}

	/**
	 * The JSON API: stateless and bearer-only, so no session, no CSRF (nothing is sent by a browser on its own) and no
	 * redirect to a sign-in page. A bearer is a Shopify session token of an installed shop (see
	 * {@link SessionTokenAuthentication}) or an API token the app issued for one store ({@link ApiTokenAuthentication},
	 * told apart by its prefix); a path naming a store is open only to that store's owner. Refusals are
	 * problem+json ({@link ApiProblems}), and so is a bearer that cannot be looked up while the database is down
	 * ({@link UnreachableDatabase}).
	 */
	@Bean
	@Order(2)
	SecurityFilterChain api(HttpSecurity http, IdTokens idTokens, ApiTokens apiTokens, InstalledShops shops,
			ProblemResponses responses) throws Exception {
		ApiProblems problems = new ApiProblems(responses);
		AuthenticationManager sessionTokens = new SessionTokenAuthentication(idTokens, shops);
		AuthenticationManager issuedTokens = new ApiTokenAuthentication(apiTokens, shops);
		AuthenticationManager bearers = (bearer) -> ApiTokens
			.isApiToken(((BearerTokenAuthenticationToken) bearer).getToken()) ? issuedTokens.authenticate(bearer)
					: sessionTokens.authenticate(bearer);
		http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/api/stores/{storeId}/**")
				.access(SecurityConfiguration::ownsStore)
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((bearer) -> bearer.authenticationManagerResolver((request) -> bearers)
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.addFilterBefore(new UnreachableDatabase(problems), BearerTokenAuthenticationFilter.class)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.headers(this::transportHeaders)
			.csrf((csrf) -> csrf.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable());
		return http.build();
	}

	/**
	 * Whether the caller owns the store named in the path. An id that is no UUID names no store at all: it is let
	 * through for the controller to answer 400, rather than a 403 that would suggest the store exists.
	 */
	private static AuthorizationResult ownsStore(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		if (!(authentication.get() instanceof StoreOwnerAuthentication owner)) {
			return new AuthorizationDecision(false);
		}
		try {
			UUID storeId = UUID.fromString(context.getVariables().get("storeId"));
			return new AuthorizationDecision(storeId.equals(owner.getPrincipal().storeId()));
		}
		catch (IllegalArgumentException notAnId) {
			return new AuthorizationDecision(true);
		}
	}

	/**
	 * The pages and their htmx fragments: signed in by the browser session, or, inside the Shopify admin where the
	 * iframe's cookies are blocked, by a Shopify session token in {@code Authorization: Bearer} (see
	 * {@link SessionTokenAuthentication}, the same as the API), which signs in that one request and creates no
	 * session. A bad or expired token is answered 401. The store page and the settings page are opened by the admin
	 * with the ID token in their URL, which they verify themselves, so they are let through like the connect page. CSRF protects what a cookie authenticates; a request that
	 * carries its credentials in a header no other site can set needs no CSRF token, so resource-server support
	 * exempts exactly the requests that carry a bearer. The live socket's handshake is left to {@code LiveHandshake},
	 * which also reads {@code ?access_token=} and tells a store it may not follow (403) from bad credentials (401).
	 * A session whose store is no longer installed is signed out ({@link InstalledStoreSessions}); signing out
	 * ({@code POST /logout}, CSRF-protected) invalidates the session, in Redis, and returns to the connect page.
	 */
	@Bean
	SecurityFilterChain web(HttpSecurity http, IdTokens idTokens, InstalledShops shops) throws Exception {
		AuthenticationManager sessionTokens = new SessionTokenAuthentication(idTokens, shops);
		BearerTokenResolver authorization = new DefaultBearerTokenResolver();
		RequestMatcher liveSockets = PathPatternRequestMatcher.pathPattern("/ws/**");
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/", "/settings", "/alerts", "/auth", "/auth/callback", "/auth/check", "/simulator/**", "/local/**", "/digest/**", "/error",
					"/ws/**", "/css/**", "/js/**", "/webjars/**", "/favicon.svg")
			.permitAll()
			.anyRequest()
			.authenticated())
			.oauth2ResourceServer((bearer) -> bearer.authenticationManagerResolver((request) -> sessionTokens)
				.bearerTokenResolver((request) -> liveSockets.matches(request) ? null : authorization.resolve(request))
				.authenticationEntryPoint(SecurityConfiguration::refusedPageToken))
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/simulator/**", "/ws/**", "/digest/**"))
			.headers(this::pageHeaders)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/")))
			.addFilterBefore(new InstalledStoreSessions(shops), BearerTokenAuthenticationFilter.class)
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.logoutSuccessUrl("/"));
		return http.build();
	}

	/**
	 * A page's bearer that is forged, expired or none of the app's: 401 with the standard bearer challenge, and the
	 * error page as its body like every other refused page, where the default answered an empty body.
	 */
	private static void refusedPageToken(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException failure) throws IOException {
		new BearerTokenAuthenticationEntryPoint().commence(request, response, failure);
		response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
	}

	/**
	 * A request the firewall refuses (a path with {@code ..}, an encoded period or the like) is a bad request like any
	 * other: problem+json under {@code /api/}, as every API error is, and the error page elsewhere (the default
	 * handler's {@code sendError} renders it). The default answered the API with the pages' generic error JSON.
	 */
	@Bean
	RequestRejectedHandler rejectedRequests(ProblemResponses responses) {
		RequestRejectedHandler pages = new HttpStatusRequestRejectedHandler();
		return (request, response, rejected) -> {
			if (request.getRequestURI().startsWith("/api/")) {
				responses.write(request, response, HttpStatus.BAD_REQUEST,
						"The request's path is not one the API takes: it must not contain '..', encoded periods or the like.");
			}
			else {
				pages.handle(request, response, rejected);
			}
		};
	}

	/**
	 * What every page answers besides {@link #transportHeaders}: its {@link ContentSecurityPolicy}, whose
	 * {@code frame-ancestors} takes over from {@code X-Frame-Options}, which cannot name the shop's admin.
	 */
	private void pageHeaders(HeadersConfigurer<HttpSecurity> headers) {
		transportHeaders(headers).frameOptions((frames) -> frames.disable()).addHeaderWriter(new ContentSecurityPolicy());
	}

	/**
	 * What every response answers: no content sniffing, no address of ours (which may carry a session token or a
	 * digest's signed link) in a request to another site, and, where configured ({@code prod}), HSTS on every
	 * response, since the app is reached over https only (a TLS-terminating proxy may forward plain http).
	 */
	private HeadersConfigurer<HttpSecurity> transportHeaders(HeadersConfigurer<HttpSecurity> headers) {
		return headers.contentTypeOptions(Customizer.withDefaults())
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
			.httpStrictTransportSecurity((hsts) -> {
				if (this.hsts.enabled()) {
					hsts.maxAgeInSeconds(this.hsts.maxAge().toSeconds())
						.includeSubDomains(true)
						.requestMatcher(AnyRequestMatcher.INSTANCE);
				}
				else {
					hsts.disable();
				}
			});
	}

}
