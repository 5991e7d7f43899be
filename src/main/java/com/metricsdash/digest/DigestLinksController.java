package com.metricsdash.digest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import com.metricsdash.alerts.AlertCard;
import com.metricsdash.alerts.OpenAlerts;
import com.metricsdash.digest.DigestLinks.Purpose;
import com.metricsdash.digest.DigestLinks.Verified;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.EmbeddedPages;
import com.metricsdash.shop.Stores;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * What the links of a mail open, from any mail client and without a session: the signed token is the only credential
 * (see {@link DigestLinks}), so these paths are open and, for their POSTs, free of CSRF tokens. Confirming and
 * unsubscribing change something, so a GET only shows a page with a button (link scanners of mail providers follow
 * GETs); a mail client's one-click unsubscribe (RFC 8058) POSTs directly. A tampered link is refused (400), an expired
 * one too (410), each with a page that says so.
 */
@Controller
class DigestLinksController {

	private static final String PAGE = "digest/link";

	private final DigestLinks links;

	private final DigestRepository digests;

	private final OpenAlerts alerts;

	private final Stores stores;

	private final EmbeddedPages embeddedPages;

	private final Clock clock;

	DigestLinksController(DigestLinks links, DigestRepository digests, OpenAlerts alerts, Stores stores,
			EmbeddedPages embeddedPages, Clock clock) {
		this.links = links;
		this.digests = digests;
		this.alerts = alerts;
		this.stores = stores;
		this.embeddedPages = embeddedPages;
		this.clock = clock;
	}

	@GetMapping("/digest/confirm")
	ModelAndView confirmPage(@RequestParam(name = "t", required = false) String token) {
		return withRecipient(Purpose.CONFIRM, token, (recipient) -> page("Confirm this address",
				"Receive the MetricsDash digest at " + recipient.email() + "?", "Confirm", HttpStatus.OK));
	}

	@PostMapping("/digest/confirm")
	ModelAndView confirm(@RequestParam(name = "t", required = false) String token) {
		return withRecipient(Purpose.CONFIRM, token, (recipient) -> {
			boolean confirmed = this.digests.confirm(recipient.id(), this.clock.instant());
			return page(confirmed ? "Address confirmed" : "Nothing to confirm", confirmed
					? recipient.email() + " now receives the store's digest."
					: recipient.email() + " was confirmed already, or has unsubscribed since.", null, HttpStatus.OK);
		});
	}

	@GetMapping("/digest/unsubscribe")
	ModelAndView unsubscribePage(@RequestParam(name = "t", required = false) String token) {
		return withRecipient(Purpose.UNSUBSCRIBE, token, (recipient) -> page("Unsubscribe",
				"Stop sending the MetricsDash digest to " + recipient.email() + "?", "Unsubscribe", HttpStatus.OK));
	}

	/** One click: a mail client posts {@code List-Unsubscribe=One-Click} here, a person the page's button. */
	@PostMapping("/digest/unsubscribe")
	ModelAndView unsubscribe(@RequestParam(name = "t", required = false) String token) {
		return withRecipient(Purpose.UNSUBSCRIBE, token, (recipient) -> {
			this.digests.unsubscribe(recipient.id(), this.clock.instant());
			return page("Unsubscribed", recipient.email() + " no longer receives the digest. A store owner can add it "
					+ "again from the settings page.", null, HttpStatus.OK);
		});
	}

	/**
	 * Opens the alert on the alerts page, listed under its current status and scrolled to: inside the Shopify admin
	 * for a store used embedded lately, where the admin signs the page in; otherwise on its own, where the page asks
	 * whoever is not signed in to connect first.
	 */
	@GetMapping("/digest/open")
	ModelAndView open(@RequestParam(name = "t", required = false) String token) {
		Instant now = this.clock.instant();
		Verified verified = this.links.verify(Purpose.OPEN, token, now);
		if (!verified.valid()) {
			return refused(verified);
		}
		List<UUID> ids = verified.ids();
		StoreRef store = this.stores.installed(ids.get(0)).orElse(null);
		AlertCard alert = (store != null) ? this.alerts.find(store, ids.get(1), now).orElse(null) : null;
		if (alert == null) {
			return page("Alert not found", "This alert is no longer there; the store may have removed the app.", null,
					HttpStatus.NOT_FOUND);
		}
		if (this.embeddedPages.usedEmbedded(store.id())) {
			return new ModelAndView("redirect:" + this.embeddedPages.inAdmin(store.shop(),
					"/alerts?status=" + alert.status() + "&alert=" + alert.id()));
		}
		return new ModelAndView("redirect:/alerts?status=" + alert.status() + "#alert-" + alert.id());
	}

	private ModelAndView withRecipient(Purpose purpose, String token,
			Function<Recipient, ModelAndView> action) {
		Verified verified = this.links.verify(purpose, token, this.clock.instant());
		if (!verified.valid()) {
			return refused(verified);
		}
		return this.digests.recipient(verified.ids().get(0))
			.map(action)
			.orElseGet(() -> page("Address not found", "This address was removed from the digest.", null,
					HttpStatus.NOT_FOUND));
	}

	private static ModelAndView refused(Verified verified) {
		return (verified.outcome() == DigestLinks.Outcome.EXPIRED)
				? page("This link has expired", "Links in a digest work for a limited time. Open MetricsDash from your "
						+ "Shopify admin instead, or wait for the next digest.", null, HttpStatus.GONE)
				: page("This link is not valid", "It may have been cut short or changed. Copy the whole link from the "
						+ "mail, or open MetricsDash from your Shopify admin.", null, HttpStatus.BAD_REQUEST);
	}

	/** The page a link shows; {@code button} posts the same link back when the link asks to be confirmed. */
	private static ModelAndView page(String title, String message, String button, HttpStatus status) {
		ModelMap model = new ModelMap().addAttribute("heading", title).addAttribute("message", message);
		if (button != null) {
			model.addAttribute("button", button);
		}
		return new ModelAndView(PAGE, model, status);
	}

}
