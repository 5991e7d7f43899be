package com.metricsdash.simulator;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.metricsdash.simulator.SimModel.Location;
import com.metricsdash.simulator.SimModel.Order;
import com.metricsdash.simulator.SimModel.Variant;
import com.metricsdash.simulator.SimModel.WebhookSubscription;
import com.metricsdash.simulator.SimWebhooks.DeliveryAttempt;
import com.metricsdash.simulator.SimWebhooks.DeliveryMode;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The simulator's local page, where a person plays the merchant: places an order, changes stock, cancels or refunds
 * the latest order, makes webhook delivery misbehave, uninstalls the app, and sees the webhooks that went out. Each
 * form posts, then redirects back with a sentence saying what happened; bad input gets a 400 page saying what was
 * wrong.
 */
@Controller
@ConditionalOnSimulator
@RequestMapping("/simulator")
class SimulatorPageController {

	private static final int SHOWN_DELIVERIES = 20;

	private final SimulatedShops shops;

	private final SimStoreActions actions;

	private final SimWebhooks webhooks;

	private final Random random = new Random();

	SimulatorPageController(SimulatedShops shops, SimStoreActions actions, SimWebhooks webhooks) {
		this.shops = shops;
		this.actions = actions;
		this.webhooks = webhooks;
	}

	@GetMapping
	String page(Model model) {
		model.addAttribute("shops", this.shops.all()
			.stream()
			.sorted(Comparator.comparing(SimShop::domain))
			.map((shop) -> ShopView.of(shop, this.webhooks.mode(shop.domain())))
			.toList());
		model.addAttribute("deliveries", this.webhooks.attempts().stream().limit(SHOWN_DELIVERIES).toList());
		return "simulator/index";
	}

	/** Places an order for one variant, or for random variants when none is chosen. */
	@PostMapping("/shops/{domain}/orders")
	String placeOrder(@PathVariable String domain, @RequestParam(defaultValue = "") String variantId,
			@RequestParam(defaultValue = "1") String quantity, RedirectAttributes redirect) {
		SimShop shop = shop(domain);
		Order order = variantId.isBlank() ? this.actions.placeRandomOrder(shop, this.random)
				: this.actions.placeOrder(shop,
						Map.of(id(variantId, "The variant"), count(quantity, "The quantity")));
		return done(redirect, "Placed order " + order.name() + " for $" + order.totalPrice() + " in " + domain + ".");
	}

	@PostMapping("/shops/{domain}/stock")
	String adjustStock(@PathVariable String domain, @RequestParam(defaultValue = "") String variantId,
			@RequestParam(defaultValue = "") String locationId, @RequestParam(defaultValue = "") String delta,
			RedirectAttributes redirect) {
		int available = this.actions
			.adjustInventory(shop(domain), id(variantId, "The variant"), id(locationId, "The location"),
					count(delta, "The stock change"))
			.available();
		return done(redirect, "Stock changed by " + delta.strip() + "; " + available + " now available.");
	}

	@PostMapping("/shops/{domain}/orders/latest/cancel")
	String cancelLatest(@PathVariable String domain, RedirectAttributes redirect) {
		Order order = this.actions.cancelOrder(shop(domain), latestOrder(domain).id());
		return done(redirect, "Cancelled order " + order.name() + ".");
	}

	@PostMapping("/shops/{domain}/orders/latest/refund")
	String refundLatest(@PathVariable String domain, RedirectAttributes redirect) {
		Order before = latestOrder(domain);
		this.actions.refundOrder(shop(domain), before.id());
		return done(redirect, "Refunded $" + before.currentTotalPrice() + " of order " + before.name() + ".");
	}

	@PostMapping("/shops/{domain}/delivery")
	String deliveryMode(@PathVariable String domain, @RequestParam(defaultValue = "false") boolean duplicate,
			@RequestParam(defaultValue = "false") boolean shuffle, @RequestParam(defaultValue = "false") boolean drop,
			@RequestParam(defaultValue = "0") String delaySeconds, RedirectAttributes redirect) {
		int delay = count(delaySeconds, "The delay");
		if (delay < 0) {
			throw new IllegalArgumentException("The delay must be 0 seconds or more.");
		}
		this.webhooks.mode(shop(domain).domain(), new DeliveryMode(duplicate, shuffle, Duration.ofSeconds(delay), drop));
		return done(redirect, "Webhook delivery for " + domain + " changed.");
	}

	@PostMapping("/shops/{domain}/uninstall")
	String uninstall(@PathVariable String domain, RedirectAttributes redirect) {
		this.actions.uninstall(shop(domain));
		return done(redirect, "Uninstalled the app from " + domain + ".");
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ModelAndView badInput(IllegalArgumentException ex, Model model) {
		page(model);
		model.addAttribute("error", ex.getMessage());
		return new ModelAndView("simulator/index", model.asMap(), HttpStatus.BAD_REQUEST);
	}

	private SimShop shop(String domain) {
		return this.shops.find(domain)
			.orElseThrow(() -> new IllegalArgumentException("There is no simulated shop " + domain + "."));
	}

	private Order latestOrder(String domain) {
		return shop(domain).latestOrder()
			.orElseThrow(() -> new IllegalArgumentException(domain + " has no orders yet."));
	}

	private static String done(RedirectAttributes redirect, String message) {
		redirect.addFlashAttribute("message", message);
		return "redirect:/simulator";
	}

	private static long id(String value, String what) {
		try {
			return Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			throw notAWholeNumber(what, value);
		}
	}

	private static int count(String value, String what) {
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw notAWholeNumber(what, value);
		}
	}

	private static IllegalArgumentException notAWholeNumber(String what, String value) {
		return new IllegalArgumentException(what + " must be a whole number; \"" + value + "\" is not one.");
	}

	/** What the page shows of one shop, read once per request. */
	record ShopView(String domain, String name, boolean installed, int products, List<Variant> variants,
			List<Location> locations, int orders, Order latestOrder, List<WebhookSubscription> subscriptions,
			DeliveryMode mode) {

		static ShopView of(SimShop shop, DeliveryMode mode) {
			return new ShopView(shop.domain(), shop.name(), shop.installed(), shop.products().size(), shop.variants(),
					shop.locations(), shop.orders().size(), shop.latestOrder().orElse(null),
					shop.webhookSubscriptions(), mode);
		}

	}

}
