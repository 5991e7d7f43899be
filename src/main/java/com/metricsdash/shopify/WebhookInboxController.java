package com.metricsdash.shopify;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's view of the webhook inbox: how many deliveries wait, were applied or were parked, the newest of them
 * with the reason a parked one stopped, and a way to put a parked delivery back once its cause is fixed.
 */
@Controller
class WebhookInboxController {

	private static final int SHOWN = 100;

	private final WebhookInbox inbox;

	WebhookInboxController(WebhookInbox inbox) {
		this.inbox = inbox;
	}

	@GetMapping("/operator/webhooks")
	String inbox(Model model) {
		model.addAttribute("counts", this.inbox.counts());
		model.addAttribute("deliveries", this.inbox.newest(SHOWN));
		return "shopify/inbox";
	}

	@PostMapping("/operator/webhooks/{id}/retry")
	String retry(@PathVariable long id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice", this.inbox.retryParked(id) ? "Delivery " + id + " is queued again."
				: "Delivery " + id + " is not parked, or its payload was dropped after its retention; nothing changed.");
		return "redirect:/operator/webhooks";
	}

}
