package com.metricsdash.sync;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.metricsdash.shop.StoreInstalled;
import com.metricsdash.shop.StoreRef;
import com.metricsdash.shop.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Starts initial syncs: at once when a store is installed, and on a steady tick for every store still waiting (after
 * a restart, or when another instance died mid-sync). A store syncs on one thread of one instance at a time.
 */
@Component
class SyncDispatcher implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(SyncDispatcher.class);

	private final Stores stores;

	private final InitialSync sync;

	private final SyncLocks locks;

	private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

	private final Set<UUID> running = ConcurrentHashMap.newKeySet();

	SyncDispatcher(Stores stores, InitialSync sync, SyncLocks locks, SyncProperties properties) {
		this.stores = stores;
		this.sync = sync;
		this.locks = locks;
		this.executor.setCorePoolSize(properties.concurrentSyncs());
		this.executor.setThreadNamePrefix("sync-");
		this.executor.initialize();
	}

	@TransactionalEventListener
	void installed(StoreInstalled event) {
		this.stores.installed(event.storeId()).ifPresent(this::start);
	}

	@Scheduled(fixedDelayString = "${metricsdash.sync.dispatch-interval:2s}")
	void dispatch() {
		this.stores.awaitingSync().forEach(this::start);
	}

	private void start(StoreRef store) {
		if (!this.running.add(store.id())) {
			return;
		}
		this.executor.execute(() -> {
			try {
				Optional<AutoCloseable> lock = this.locks.tryLock(store.id());
				if (lock.isPresent()) {
					try (AutoCloseable held = lock.get()) {
						this.sync.run(store);
					}
				}
			}
			catch (Exception ex) {
				logger.error("The sync of {} could not run", store.shop(), ex);
			}
			finally {
				this.running.remove(store.id());
			}
		});
	}

	@Override
	public void destroy() {
		this.executor.shutdown();
	}

}
