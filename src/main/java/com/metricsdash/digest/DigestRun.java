package com.metricsdash.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;

import com.metricsdash.digest.DeliveryRepository.Delivery;
import com.metricsdash.digest.DigestRepository.StoreSchedule;
import com.metricsdash.shop.Store;
import com.metricsdash.shop.StoreStatus;
import com.metricsdash.shop.Stores;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The send pass: records each due period's digest for every confirmed address (a row the unique key lets in once),
 * then claims due rows and mails them. The scheduler lock only saves work: two passes at once, on two instances or
 * without the lock, still send each row once, since a row is claimed by one of them ({@code skip locked}) and leased
 * before its mail goes out. A failed send is retried after the configured delays, then given up on, its error kept
 * for the settings page. A mail that SMTP accepted just before its instance died can be sent again after the lease:
 * at most one extra copy, rather than a lost digest.
 */
@Component
class DigestRun {

	private static final Logger logger = LoggerFactory.getLogger(DigestRun.class);

	/** Claimed at a time, so that a lease is not outlived by a long batch. */
	private static final int BATCH = 50;

	private final DigestRepository digests;

	private final DeliveryRepository deliveries;

	private final DigestContents contents;

	private final DigestMail mail;

	private final JavaMailSender sender;

	private final Stores stores;

	private final DigestProperties properties;

	private final Clock clock;

	DigestRun(DigestRepository digests, DeliveryRepository deliveries, DigestContents contents, DigestMail mail,
			JavaMailSender sender, Stores stores, DigestProperties properties, Clock clock) {
		this.digests = digests;
		this.deliveries = deliveries;
		this.contents = contents;
		this.mail = mail;
		this.sender = sender;
		this.stores = stores;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${metricsdash.digest.interval:1m}",
			initialDelayString = "${metricsdash.digest.interval:1m}")
	@SchedulerLock(name = "digest", lockAtMostFor = "30m")
	void scheduled() {
		run(this.clock.instant());
	}

	/** One pass at {@code now}; returns how many digests it sent. */
	int run(Instant now) {
		for (StoreSchedule due : this.digests.schedulesWithRecipients()) {
			installed(due).ifPresent((store) -> due.schedule()
				.lastSlot(now, store.zone())
				.filter((slot) -> !slot.isBefore(now.minus(this.properties.catchUp())))
				.ifPresent((slot) -> this.deliveries.enqueue(store.id(), slot, now)));
		}
		int sent = 0;
		List<Delivery> claimed;
		do {
			claimed = this.deliveries.claim(now, now.plus(this.properties.claimLease()), BATCH);
			for (Delivery delivery : claimed) {
				sent += send(delivery, now) ? 1 : 0;
			}
		}
		while (claimed.size() == BATCH);
		return sent;
	}

	private boolean send(Delivery delivery, Instant now) {
		Optional<Recipient> recipient = this.digests.recipient(delivery.storeId(), delivery.email())
			.filter(Recipient::receives);
		Optional<Store> store = this.stores.store(delivery.storeId())
			.filter((found) -> found.status() == StoreStatus.INSTALLED);
		if (recipient.isEmpty() || store.isEmpty()) {
			this.deliveries.drop(delivery.id());
			return false;
		}
		DigestSchedule schedule = this.digests.schedule(delivery.storeId());
		try {
			DigestContent content = this.contents.of(store.get(), schedule, delivery.period(),
					schedule.previousSlot(delivery.period(), store.get().zone()), recipient.get().id(), now);
			this.sender.send(this.mail.digest(this.sender, delivery.email(), content));
			this.deliveries.sent(delivery.id(), now);
			return true;
		}
		catch (MailException | MessagingException ex) {
			List<Duration> delays = this.properties.retryDelays();
			Instant retryAt = (delivery.attempts() <= delays.size())
					? now.plus(delays.get(delivery.attempts() - 1)) : null;
			logger.warn("Digest of store {} to {} failed (attempt {}{})", delivery.storeId(), delivery.email(),
					delivery.attempts(), (retryAt != null) ? ", retried at " + retryAt : ", given up", ex);
			this.deliveries.failed(delivery.id(), ex.getMessage(), retryAt);
			return false;
		}
	}

	private Optional<Store> installed(StoreSchedule due) {
		return this.stores.store(due.storeId()).filter((store) -> store.status() == StoreStatus.INSTALLED);
	}

}
