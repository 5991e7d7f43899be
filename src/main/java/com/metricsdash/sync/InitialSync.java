package com.metricsdash.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.metricsdash.shop.ReconnectRequiredException;
import com.metricsdash.shop.StoreAdminApi;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import com.metricsdash.shop.SyncStatus;
import com.metricsdash.shopify.BulkFiles;
import com.metricsdash.shopify.BulkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * A store's initial sync: for each phase, a bulk operation exports the data, the JSONL file is streamed and applied
 * in batches, and progress is stored and announced as it goes. Where Shopify will not run the bulk operation, the
 * same data is read page by page (the Admin API client waits out throttling). Every step is idempotent and the phase state is
 * stored, so a sync interrupted anywhere resumes where it was: a finished phase is skipped, a running export is
 * followed again, and an import that was cut short is replayed from its file without duplicates.
 */
@Service
class InitialSync {

	static final int BATCH = 250;

	private static final Logger logger = LoggerFactory.getLogger(InitialSync.class);

	private final Map<SyncPhase, PhaseImport> imports = new EnumMap<>(SyncPhase.class);

	private final SyncPhases phases;

	private final BulkExport export;

	private final BulkFiles files;

	private final Stores stores;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final SyncProperties properties;

	private final BulkFinishSignals finishSignals;

	private final StoreAdminApi api;

	private final SessionsImport sessions;

	InitialSync(List<PhaseImport> imports, SyncPhases phases, BulkExport export, BulkFiles files, Stores stores,
			ApplicationEventPublisher events, Clock clock, SyncProperties properties, BulkFinishSignals finishSignals,
			StoreAdminApi api, SessionsImport sessions) {
		imports.forEach((phaseImport) -> this.imports.put(phaseImport.phase(), phaseImport));
		this.phases = phases;
		this.export = export;
		this.files = files;
		this.stores = stores;
		this.events = events;
		this.clock = clock;
		this.properties = properties;
		this.finishSignals = finishSignals;
		this.api = api;
		this.sessions = sessions;
	}

	void run(StoreRef store) {
		UUID id = store.id();
		this.stores.syncStatus(id, SyncStatus.SYNCING, null);
		SyncPhase current = null;
		try {
			for (SyncPhases.PhaseState state : this.phases.of(id)) {
				current = state.phase();
				if (!state.complete()) {
					runPhase(store, state);
				}
			}
			this.stores.syncStatus(id, SyncStatus.COMPLETE, null);
			logger.info("Initial sync of {} complete", store.shop());
			announce(new SyncProgress(id, "COMPLETE", SyncPhase.ORDERS, SyncPhase.values().length,
					SyncPhase.values().length, false, 0, null, null, null));
			this.events.publishEvent(new StoreSynced(id));
			this.sessions.afterInitialSync(id);
		}
		catch (ReconnectRequiredException ex) {
			fail(store, current, "Shopify no longer accepts MetricsDash's access to your store: reconnect it, "
					+ "and the sync goes on where it stopped.", ex);
		}
		catch (RuntimeException ex) {
			fail(store, current, "The sync stopped while reading " + (current == null ? "your store"
					: current.label().toLowerCase(java.util.Locale.ROOT)) + " from Shopify (" + ex.getMessage()
					+ "). Nothing is lost: retry, and it continues where it stopped.", ex);
		}
	}

	private void runPhase(StoreRef store, SyncPhases.PhaseState state) {
		PhaseImport phaseImport = this.imports.get(state.phase());
		Batches batches = new Batches(store, state.phase(), phaseImport);
		try {
			BulkExport.State bulk = export(store, state, phaseImport);
			batches.total(bulk.rootObjectCount());
			if (bulk.url() != null) {
				this.files.read(store.id(), bulk.id(), bulk.url(), BATCH, (page) -> page.forEach(batches::add));
			}
		}
		catch (BulkExport.Unavailable ex) {
			logger.warn("No bulk export of {} for {} ({}); reading it page by page", state.phase(), store.shop(),
					ex.getMessage());
			PhaseImport.PageQuery query = phaseImport.pageQuery(store);
			this.api.forEachNode(store.id(), query.document(), query.variables(), query.connection(),
					(node) -> batches.add(phaseImport.fromPage(store, node)));
		}
		batches.flush();
		this.phases.completed(store.id(), state.phase());
	}

	/** Starts the phase's bulk export, or follows the one already running, until it completed. */
	private BulkExport.State export(StoreRef store, SyncPhases.PhaseState state, PhaseImport phaseImport) {
		UUID id = store.id();
		String bulkId = state.bulkOperationId();
		BulkExport.State bulk = (bulkId == null) ? null : this.export.state(id, bulkId);
		if (bulk == null || !(bulk.unfinished() || bulk.completed())) {
			phaseImport.prepare(store);
			bulkId = this.export.start(id, phaseImport.bulkQuery(store));
			this.phases.started(id, state.phase(), bulkId);
			bulk = this.export.state(id, bulkId);
		}
		while (bulk.unfinished()) {
			announce(progress(store, state.phase(), true, bulk.objectCount(), null, null));
			this.finishSignals.await(bulkId, this.properties.exportPollInterval());
			bulk = this.export.state(id, bulkId);
		}
		if (!bulk.completed()) {
			throw new BulkExport.Unavailable("the export ended " + bulk.status()
					+ (bulk.errorCode() == null ? "" : ", " + bulk.errorCode()));
		}
		return bulk;
	}

	/** Applies records in batches as they arrive, storing and announcing progress after each. */
	private final class Batches {

		private final StoreRef store;

		private final SyncPhase phase;

		private final PhaseImport phaseImport;

		private final List<BulkRecord> batch = new ArrayList<>(BATCH);

		private final Instant started = InitialSync.this.clock.instant();

		private long done;

		private Long total;

		Batches(StoreRef store, SyncPhase phase, PhaseImport phaseImport) {
			this.store = store;
			this.phase = phase;
			this.phaseImport = phaseImport;
		}

		void total(long total) {
			this.total = total;
		}

		void add(BulkRecord record) {
			this.batch.add(record);
			if (this.batch.size() == BATCH) {
				flush();
			}
		}

		void flush() {
			this.done += this.phaseImport.apply(this.store, this.batch);
			this.batch.clear();
			InitialSync.this.phases.progress(this.store.id(), this.phase, this.done, this.total);
			announce(progress(this.store, this.phase, false, this.done, this.total,
					(this.total == null) ? null : timeLeft(this.started, this.done, this.total)));
		}

	}

	private Duration timeLeft(Instant started, long done, long total) {
		Duration elapsed = Duration.between(started, this.clock.instant());
		if (done == 0 || elapsed.isZero()) {
			return null;
		}
		return Duration.ofMillis(elapsed.toMillis() * Math.max(0, total - done) / done);
	}

	private SyncProgress progress(StoreRef store, SyncPhase phase, boolean exporting, long done, Long total,
			Duration timeLeft) {
		return new SyncProgress(store.id(), "SYNCING", phase, phase.ordinal() + 1, SyncPhase.values().length,
				exporting, done, total, timeLeft, null);
	}

	private void fail(StoreRef store, SyncPhase phase, String sentence, RuntimeException cause) {
		logger.warn("Initial sync of {} failed in {}", store.shop(), phase, cause);
		if (phase != null) {
			this.phases.failed(store.id(), phase, cause.toString());
		}
		this.stores.syncStatus(store.id(), SyncStatus.ERROR, sentence);
		announce(new SyncProgress(store.id(), "ERROR", phase, phase == null ? 1 : phase.ordinal() + 1,
				SyncPhase.values().length, false, 0, null, null, sentence));
	}

	private void announce(SyncProgress progress) {
		this.events.publishEvent(progress);
	}

}
