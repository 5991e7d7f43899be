package com.metricsdash.dashboard;

import java.util.Optional;

import com.metricsdash.security.StoreOwner;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The dashboard settings form of the signed-in store ({@code dashboard/settings :: settings}), which the settings page
 * loads and htmx posts. A save applies at once: the store's open pages get freshly rendered figures over the push.
 */
@Controller
class SettingsController {

	private static final String FORM = "dashboard/settings :: settings";

	private final Stores stores;

	private final SettingsRepository settings;

	private final DashboardPush push;

	SettingsController(Stores stores, SettingsRepository settings, DashboardPush push) {
		this.stores = stores;
		this.settings = settings;
		this.push = push;
	}

	@GetMapping("/dashboard/settings")
	ModelAndView form(@AuthenticationPrincipal StoreOwner owner) {
		StoreRef store = installed(owner);
		return form(this.settings.of(store.id()), null, false, HttpStatus.OK);
	}

	@PostMapping("/dashboard/settings")
	ModelAndView save(@AuthenticationPrincipal StoreOwner owner, @RequestParam(required = false) String comparison,
			@RequestParam(defaultValue = "false") boolean showOrders,
			@RequestParam(defaultValue = "false") boolean showRevenue,
			@RequestParam(defaultValue = "false") boolean showAov,
			@RequestParam(defaultValue = "false") boolean showConversion,
			@RequestParam(defaultValue = "false") boolean showRevenueChart) {
		StoreRef store = installed(owner);
		Optional<Comparison> chosen = Optional.ofNullable(comparison).flatMap(Comparison::ofValue);
		DashboardSettings submitted = new DashboardSettings(
				chosen.orElseGet(() -> this.settings.of(store.id()).comparison()), showOrders, showRevenue, showAov,
				showConversion, showRevenueChart);
		if (chosen.isEmpty()) {
			return form(submitted, "Choose one of the offered days to compare with.", false, HttpStatus.BAD_REQUEST);
		}
		if (!submitted.anyVisible()) {
			return form(submitted, "Keep at least one figure or the chart visible.", false, HttpStatus.BAD_REQUEST);
		}
		this.settings.save(store.id(), submitted);
		this.push.pushNow(store.id());
		return form(submitted, null, true, HttpStatus.OK);
	}

	private StoreRef installed(StoreOwner owner) {
		return this.stores.installed(owner.storeId())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private static ModelAndView form(DashboardSettings settings, String error, boolean saved, HttpStatus status) {
		ModelMap model = new ModelMap().addAttribute("settings", settings)
			.addAttribute("comparisons", DashboardSettings.options(settings.comparison()))
			.addAttribute("saved", saved);
		if (error != null) {
			model.addAttribute("error", error);
		}
		return new ModelAndView(FORM, model, status);
	}

}
