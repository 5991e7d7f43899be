package com.metricsdash.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import com.metricsdash.security.StoreOwner;
import com.metricsdash.shop.EmbeddedPages;
import com.metricsdash.shop.Store;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.StoreStatus;
import com.metricsdash.shop.Stores;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.view.FragmentsRendering;

/**
 * The alerts page of the signed-in store ({@code /alerts}), its list alone for the filters and the live refresh
 * ({@code /alerts/list}), the bell every page loads ({@code /alerts/bell}), and acknowledging one alert from the list.
 * Signed in by the browser session or, embedded, by a session token; an alert of another store is not found.
 */
@Controller
class AlertsController {

	private final AlertRepository alerts;

	private final AlertsBell bell;

	private final Stores stores;

	private final EmbeddedPages embeddedPages;

	private final Clock clock;

	private final Duration pollInterval;

	/** {@code pollInterval}: the store pages' own, how often a page without its socket fetches what changed. */
	AlertsController(AlertRepository alerts, AlertsBell bell, Stores stores, EmbeddedPages embeddedPages, Clock clock,
			@Value("${metricsdash.dashboard.poll-interval:30s}") Duration pollInterval) {
		this.alerts = alerts;
		this.bell = bell;
		this.stores = stores;
		this.embeddedPages = embeddedPages;
		this.clock = clock;
		this.pollInterval = pollInterval;
	}

	/**
	 * The page, signed in or opened by the Shopify admin with an ID token (a digest's link into the admin lands here),
	 * with the alert named by {@code alert} taking the focus, which scrolls it into view; anyone else is sent to the
	 * connect page.
	 */
	@GetMapping("/alerts")
	String page(@AuthenticationPrincipal StoreOwner owner,
			@RequestParam(name = "id_token", required = false) String idToken, @RequestParam(required = false) String status,
			@RequestParam(required = false) String type, @RequestParam(required = false) UUID alert, Model model,
			HttpServletRequest request) {
		Optional<Store> store = (idToken != null) ? this.embeddedPages.open(idToken, request, model)
				: Optional.ofNullable(owner)
					.flatMap((signedIn) -> this.stores.store(signedIn.storeId()))
					.filter((found) -> found.status() != StoreStatus.UNINSTALLED);
		if (idToken != null && store.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Shopify's admin could not vouch for this page.");
		}
		if (store.isEmpty()) {
			return "redirect:/";
		}
		model.addAttribute("store", store.get());
		model.addAttribute("focusAlert", alert);
		model.addAttribute("pollSeconds", this.pollInterval.toSeconds());
		render(store.get().ref(), status, type, model);
		return "alerts/alerts";
	}

	@GetMapping("/alerts/list")
	String list(@AuthenticationPrincipal StoreOwner owner, @RequestParam(required = false) String status,
			@RequestParam(required = false) String type, Model model) {
		render(installed(owner), status, type, model);
		return "alerts/alerts :: list";
	}

	private void render(StoreRef store, String status, String type, Model model) {
		AlertFilter filter = AlertFilter.of(status, type)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Choose a status and a type among those offered."));
		Instant now = this.clock.instant();
		model.addAttribute("filter", filter);
		model.addAttribute("alerts", this.alerts.list(store.id(), filter.status(), filter.type())
			.stream()
			.map((alert) -> AlertCard.of(alert, store, now))
			.toList());
	}

	/**
	 * The bell: swapped in place by the header that loads it, or out of band ({@code oob}) as a push would, by the
	 * alerts page polling while its socket is down, so that its list refreshes as after a push.
	 */
	@GetMapping("/alerts/bell")
	String bell(@AuthenticationPrincipal StoreOwner owner, @RequestParam(defaultValue = "false") boolean oob,
			Model model) {
		model.addAllAttributes(this.bell.variables(installed(owner).id(), oob));
		return "alerts/bell :: bell";
	}

	/**
	 * Acknowledges an active alert and answers its row, which takes the focus; the bell with one fewer goes to every
	 * open page of the store, this one included, as a push (one refresh of each page's list, not a second one from
	 * this answer). A resolved alert answers its row as it stands: there is nothing left to acknowledge. No
	 * transaction: the bell goes out after the acknowledgement is committed, so that the pages it makes refresh their
	 * list see it.
	 */
	@PostMapping("/alerts/{alertId}/acknowledge")
	FragmentsRendering acknowledge(@AuthenticationPrincipal StoreOwner owner, @PathVariable UUID alertId) {
		StoreRef store = installed(owner);
		Instant now = this.clock.instant();
		boolean acknowledged = this.alerts.acknowledge(store.id(), alertId, now);
		Alert alert = this.alerts.find(store.id(), alertId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (acknowledged) {
			this.bell.publish(store.id());
		}
		return FragmentsRendering.fragment("alerts/alerts :: alert", Map.of("alert", AlertCard.of(alert, store, now),
				"focus", true))
			.build();
	}

	private StoreRef installed(StoreOwner owner) {
		return this.stores.installed(owner.storeId())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
