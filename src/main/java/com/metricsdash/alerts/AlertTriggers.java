package com.metricsdash.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.metricsdash.inventory.InventoryChanged;
import com.metricsdash.inventory.StockLevels;
import com.metricsdash.live.LiveMessage;
import com.metricsdash.live.LivePush;
import com.metricsdash.sales.SalesChanged;
import com.metricsdash.shop.Store;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.shop.SyncStatus;
import com.metricsdash.sync.StoreSynced;
import com.metricsdash.system.Coalescer;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When alerts are evaluated, and where their changes go. After every committed stock change, for the inventory items it
 * touched; after every committed order change, for the variants whose units sold it moved (their velocity; the stock an
 * order takes comes as a stock change anyway), so that a flash sale of a few products does not have a catalogue of
 * thousands evaluated four times a second. Changes are coalesced per store: at most one evaluation per {@link #WINDOW},
 * which takes in every change reported before it starts. A store whose initial sync is not complete is left alone: its
 * stock and orders arrive in pieces, and alerts on half a catalogue would fire and resolve by the hundred; it is
 * evaluated whole the moment its sync completes. The sweep (one runner across instances) evaluates each synced store
 * whole once its shop's day has changed, for what time alone changes: a day leaving the velocity window. Alerts that
 * fire or resolve are pushed to the store's JSON sockets, and, once per evaluation that changed any, the bell with its
 * new count to its htmx sockets ({@link AlertsBell}).
 */
@Component
class AlertTriggers implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(AlertTriggers.class);

	static final Duration WINDOW = Duration.ofMillis(250);

	static final String CREATED = "alert:created";

	static final String RESOLVED = "alert:resolved";

	private final AlertEvaluation evaluation;

	private final StockLevels stock;

	private final Stores stores;

	private final LivePush push;

	private final AlertsBell bell;

	private final Clock clock;

	private final ConcurrentHashMap<UUID, Set<Long>> changedItems = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<UUID, Set<Long>> changedVariants = new ConcurrentHashMap<>();

	private final Set<UUID> changedWhole = ConcurrentHashMap.newKeySet();

	/** The shop's local day of each store's last sweep on this instance (see {@link #sweep(Instant)}). */
	private final ConcurrentHashMap<UUID, LocalDate> sweptOn = new ConcurrentHashMap<>();

	private final Coalescer coalescer;

	AlertTriggers(AlertEvaluation evaluation, StockLevels stock, Stores stores, LivePush push, AlertsBell bell,
			Clock clock) {
		this.evaluation = evaluation;
		this.stock = stock;
		this.stores = stores;
		this.push = push;
		this.bell = bell;
		this.clock = clock;
		this.coalescer = new Coalescer("alerts", WINDOW, 2, this::evaluateChanged);
	}

	@TransactionalEventListener
	void inventoryChanged(InventoryChanged change) {
		note(this.changedItems, change.storeId(), change.inventoryItemIds());
		this.coalescer.changed(change.storeId());
	}

	@TransactionalEventListener
	void salesChanged(SalesChanged change) {
		if (change.variantIds().isEmpty()) {
			return;
		}
		note(this.changedVariants, change.storeId(), change.variantIds());
		this.coalescer.changed(change.storeId());
	}

	/**
	 * Adds the ids to the store's set of those changed, under the map's lock of the store, as {@link #evaluateChanged}
	 * takes the set out: an id comes either before the set is taken, and is evaluated with it, or after, in a new set
	 * for the next evaluation. (Adding to a set taken from the map outside that lock could add to one already taken.)
	 */
	private static void note(ConcurrentHashMap<UUID, Set<Long>> changed, UUID storeId, Set<Long> ids) {
		changed.merge(storeId, new HashSet<>(ids), (noted, more) -> {
			noted.addAll(more);
			return noted;
		});
	}

	/** A store just synced is evaluated whole at once, not at the next sweep: its first alerts come with its data. */
	@EventListener
	void storeSynced(StoreSynced synced) {
		this.changedWhole.add(synced.storeId());
		this.coalescer.changed(synced.storeId());
	}

	@Scheduled(fixedDelayString = "${metricsdash.alerts.sweep-interval:5m}",
			initialDelayString = "${metricsdash.alerts.sweep-interval:5m}")
	@SchedulerLock(name = "alerts-sweep", lockAtMostFor = "30m",
			lockAtLeastFor = "${metricsdash.alerts.sweep-interval:5m}")
	void sweep() {
		sweep(this.clock.instant());
	}

	/**
	 * Evaluates whole each synced store whose local day is not the one of its last sweep here: time changes what the
	 * alerts say only when a day leaves the velocity window, at the shop's midnight, and every change of data is
	 * evaluated as it comes. A store whose evaluation failed, for whatever cause, is taken at the next sweep. The first
	 * sweep of an instance takes every store, and so does one that another instance's sweeps have taken turns with
	 * (each instance remembers its own), which costs an evaluation more, never one less.
	 */
	void sweep(Instant now) {
		List<StoreRef> synced = this.stores.synced();
		this.sweptOn.keySet().retainAll(synced.stream().map(StoreRef::id).collect(Collectors.toSet()));
		for (StoreRef store : synced) {
			LocalDate today = LocalDate.ofInstant(now, store.zone());
			if (!today.equals(this.sweptOn.put(store.id(), today))) {
				evaluate(store, null);
			}
		}
	}

	/**
	 * Evaluates what changed in the store since its last evaluation: the whole store, or the items changed and those
	 * of the variants whose sales changed; nothing, without a look at the store, when those variants have no item.
	 */
	private void evaluateChanged(UUID storeId) {
		boolean whole = this.changedWhole.remove(storeId);
		Set<Long> items = Objects.requireNonNullElseGet(this.changedItems.remove(storeId), HashSet::new);
		Set<Long> variants = this.changedVariants.remove(storeId);
		if (!whole && variants != null) {
			items.addAll(this.stock.inventoryItems(storeId, variants));
		}
		if (!whole && items.isEmpty()) {
			return;
		}
		if (synced(storeId)) {
			this.stores.installed(storeId).ifPresent((store) -> evaluate(store, whole ? null : items));
		}
	}

	/**
	 * Evaluates the whole store at once, after its alert settings changed, so that whoever saved them sees at once
	 * what the new settings fire and resolve (pushed as usual too). A store whose initial sync is not complete is
	 * left alone, as for any change; the sweep evaluates it once it is.
	 */
	AlertEvaluation.Changes settingsChanged(StoreRef store) {
		return synced(store.id()) ? evaluate(store, null) : AlertEvaluation.Changes.NONE;
	}

	private boolean synced(UUID storeId) {
		return this.stores.store(storeId).map(Store::syncStatus).orElse(null) == SyncStatus.COMPLETE;
	}

	private AlertEvaluation.Changes evaluate(StoreRef store, Collection<Long> inventoryItemIds) {
		try {
			AlertEvaluation.Changes changes = this.evaluation.evaluate(store, inventoryItemIds, this.clock.instant());
			changes.fired().forEach((alert) -> this.push.publish(store.id(), new LiveMessage(null, CREATED, alert)));
			changes.resolved().forEach((alert) -> this.push.publish(store.id(), new LiveMessage(null, RESOLVED, alert)));
			if (changes.any()) {
				this.bell.publish(store.id());
			}
			return changes;
		}
		catch (RuntimeException ex) {
			this.sweptOn.remove(store.id());
			logger.warn("Could not evaluate the alerts of {}; the next change or sweep tries again", store.shop(), ex);
			return AlertEvaluation.Changes.NONE;
		}
	}

	@Override
	public void destroy() {
		this.coalescer.close();
	}

}
