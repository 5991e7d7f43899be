package com.metricsdash.dashboard;

import com.metricsdash.security.StoreOwner;
import com.metricsdash.shop.Stores;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The dashboard fragment of the signed-in store, which the store page loads and then polls every 30 s, so that the
 * figures stay current even where the WebSocket cannot connect.
 */
@Controller
class DashboardController {

	private final Stores stores;

	private final DashboardView view;

	DashboardController(Stores stores, DashboardView view) {
		this.stores = stores;
		this.view = view;
	}

	@GetMapping("/dashboard/cards")
	String cards(@AuthenticationPrincipal StoreOwner owner, Model model) {
		var store = this.stores.installed(owner.storeId())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAllAttributes(this.view.of(store).variables(false));
		return "dashboard/cards :: cards";
	}

}
