package com.metricsdash.dashboard;

import com.metricsdash.security.StoreOwner;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The dashboard fragment of the signed-in store, which the store page loads, and polls while its WebSocket cannot
 * connect, so that the figures stay current without it. The store comes from the session's principal, so
 * the fragment still answers, with the last figures known, while the database cannot be reached.
 */
@Controller
class DashboardController {

	private final DashboardView view;

	private final DashboardProperties properties;

	DashboardController(DashboardView view, DashboardProperties properties) {
		this.view = view;
		this.properties = properties;
	}

	@GetMapping("/dashboard/cards")
	String cards(@AuthenticationPrincipal StoreOwner owner, Model model) {
		DashboardView.Shown shown = this.view.of(owner.storeId())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAllAttributes(shown.variables(false));
		return "dashboard/cards :: cards";
	}

	/**
	 * No figures to show at all: the page says why in their place, answered 200 so that htmx swaps it in, and polls
	 * until there are, socket or not (a push may not come while the database is down).
	 */
	@ExceptionHandler
	String unavailable(FiguresUnavailableException ex, Model model) {
		model.addAttribute("pollSeconds", this.properties.pollSeconds());
		return "dashboard/cards :: unavailable";
	}

}
