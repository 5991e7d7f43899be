package com.metricsdash.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * The app's filter chains: one for the operator pages, one for everything else. Pages a store owner sees need a signed-in session (sign-in happens only through
 * Shopify); Shopify-facing endpoints (OAuth, webhooks) and the simulator verify their own signatures instead, so CSRF
 * tokens do not apply to them. The live-update WebSocket authorises its own handshake (session or Shopify session
 * token, see the live module), so the chain lets it through and keeps CSRF out of the upgrade.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * The operator pages: HTTP Basic as user {@code operator} with {@code METRICSDASH_OPERATOR_PASSWORD}, forms
	 * protected by CSRF tokens; closed to everyone when no password is set.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain operator(HttpSecurity http, OperatorProperties operator) throws Exception {
		http.securityMatcher("/operator/**")
			.authorizeHttpRequests((requests) -> {
				if (operator.enabled()) {
					requests.anyRequest().hasRole("OPERATOR");
				}
				else {
					requests.anyRequest().denyAll();
				}
			})
			.httpBasic(Customizer.withDefaults())
			.headers((headers) -> headers.addHeaderWriter(new FrameAncestors()));
		if (operator.enabled()) {
			http.userDetailsService(new InMemoryUserDetailsManager(User.withUsername("operator")
				.password("{bcrypt}" + new BCryptPasswordEncoder().encode(operator.password()))
				.roles("OPERATOR")
				.build()));
		}
		return http.build();
	}

	@Bean
	SecurityFilterChain web(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/", "/auth", "/auth/callback", "/auth/check", "/webhooks/**", "/simulator/**", "/local/**", "/error",
					"/ws/**", "/actuator/health/**", "/actuator/prometheus", "/css/**", "/js/**", "/webjars/**", "/favicon.svg")
			.permitAll()
			.anyRequest()
			.authenticated())
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/webhooks/**", "/simulator/**", "/ws/**"))
			.headers((headers) -> headers.frameOptions((frames) -> frames.disable())
				.addHeaderWriter(new FrameAncestors()))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/")))
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.logoutSuccessUrl("/"));
		return http.build();
	}

}
