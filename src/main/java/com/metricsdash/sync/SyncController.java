package com.metricsdash.sync;

import java.util.UUID;

import com.metricsdash.security.StoreOwner;
import com.metricsdash.shop.Store;
import com.metricsdash.shop.Stores;
import com.metricsdash.shop.SyncStatus;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The sync progress card of the signed-in store: rendered on page load from what is stored, then kept current by
 * pushes over the WebSocket; and the retry a failed sync offers.
 */
@Controller
class SyncController {

	private final Stores stores;

	private final SyncPhases phases;

	private final ReconciliationRuns reconciliations;

	SyncController(Stores stores, SyncPhases phases, ReconciliationRuns reconciliations) {
		this.stores = stores;
		this.phases = phases;
		this.reconciliations = reconciliations;
	}

	@GetMapping("/sync/progress")
	String progress(@AuthenticationPrincipal StoreOwner owner, Model model) {
		return card(owner.storeId(), model);
	}

	@PostMapping("/sync/retry")
	String retry(@AuthenticationPrincipal StoreOwner owner, Model model) {
		this.phases.retry(owner.storeId());
		this.stores.syncStatus(owner.storeId(), SyncStatus.PENDING, null);
		return card(owner.storeId(), model);
	}

	private String card(UUID storeId, Model model) {
		model.addAllAttributes(SyncCard.variables(current(storeId), this.reconciliations.latest(storeId).orElse(null),
				this.stores.store(storeId).orElseThrow().zone()));
		model.addAttribute("oob", false);
		return "sync/progress :: progress";
	}

	/** The progress as stored (without a time-left estimate, which only a running sync can make). */
	private SyncProgress current(UUID storeId) {
		Store store = this.stores.store(storeId).orElseThrow();
		var states = this.phases.of(storeId);
		var running = states.stream().filter((state) -> !state.complete()).findFirst().orElse(states.get(states.size() - 1));
		return new SyncProgress(storeId, store.syncStatus().name(), running.phase(), running.phase().ordinal() + 1,
				states.size(), running.bulkOperationId() != null && running.total() == null, running.done(),
				running.total(), null, store.syncError());
	}

}
