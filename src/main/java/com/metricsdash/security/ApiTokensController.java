package com.metricsdash.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The API tokens section of the settings page ({@code security/api-tokens :: section}), loaded and changed by htmx,
 * every answer the whole section: the store's tokens (name, created, expires, last used), a form that makes one, whose
 * value the answer shows this once, and a Revoke button per token. Invalid input answers 400 with a sentence naming
 * the field, and makes nothing. API tokens themselves open only {@code /api/**} and the live socket, never these
 * pages, so a token cannot make more tokens.
 */
@Controller
class ApiTokensController {

	private static final String SECTION = "security/api-tokens :: section";

	/** The lifetimes offered, in days; the first year is as long as a token may live. */
	private static final List<Integer> LIFETIMES = List.of(7, 30, 90, 365);

	private static final int DEFAULT_LIFETIME = 90;

	private static final int NAME_MAX = 100;

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final ApiTokens tokens;

	private final Clock clock;

	ApiTokensController(ApiTokens tokens, Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
	}

	@GetMapping("/settings/api-tokens")
	ModelAndView section(@AuthenticationPrincipal StoreOwner owner) {
		return section(owner, new ModelMap(), HttpStatus.OK);
	}

	@PostMapping("/settings/api-tokens")
	ModelAndView create(@AuthenticationPrincipal StoreOwner owner, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String days) {
		String trimmed = name.strip();
		ModelMap model = new ModelMap().addAttribute("name", trimmed);
		if (trimmed.isEmpty() || trimmed.length() > NAME_MAX) {
			return refused(owner, model, "name", "Name must be 1 to " + NAME_MAX + " characters.");
		}
		Integer lifetime = LIFETIMES.stream().filter((offered) -> offered.toString().equals(days)).findFirst().orElse(null);
		if (lifetime == null) {
			return refused(owner, model, "days", "Expires must be one of the offered periods.");
		}
		ApiTokens.Issued issued = this.tokens.issue(owner.storeId(), trimmed, Duration.ofDays(lifetime));
		return section(owner, new ModelMap().addAttribute("issued", issued.value())
			.addAttribute("issuedName", issued.token().name()), HttpStatus.OK);
	}

	@DeleteMapping("/settings/api-tokens/{tokenId}")
	ModelAndView revoke(@AuthenticationPrincipal StoreOwner owner, @PathVariable UUID tokenId) {
		if (!this.tokens.revoke(owner.storeId(), tokenId)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "This store has no such API token.");
		}
		return section(owner, new ModelMap().addAttribute("outcome", "Revoked: it no longer opens the API."),
				HttpStatus.OK);
	}

	private ModelAndView refused(StoreOwner owner, ModelMap model, String field, String sentence) {
		return section(owner, model.addAttribute("invalid", field).addAttribute("error", sentence),
				HttpStatus.BAD_REQUEST);
	}

	private ModelAndView section(StoreOwner owner, ModelMap model, HttpStatus status) {
		Instant now = this.clock.instant();
		model.addAttribute("tokens", this.tokens.of(owner.storeId()).stream().map((token) -> Row.of(token, now)).toList())
			.addAttribute("lifetimes", LIFETIMES)
			.addAttribute("defaultLifetime", DEFAULT_LIFETIME);
		return new ModelAndView(SECTION, model, status);
	}

	/** A token as the list shows it, its times in UTC. */
	record Row(UUID id, String name, String created, String expires, String lastUsed, boolean expired) {

		static Row of(ApiToken token, Instant now) {
			return new Row(token.id(), token.name(), WHEN.format(token.createdAt()), WHEN.format(token.expiresAt()),
					(token.lastUsedAt() != null) ? WHEN.format(token.lastUsedAt()) : "never", token.expired(now));
		}

	}

}
