package com.metricsdash.digest;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;

import com.metricsdash.security.StoreOwner;
import com.metricsdash.shop.Store;
import com.metricsdash.shop.StoreStatus;
import com.metricsdash.shop.Stores;

import org.springframework.http.HttpStatus;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The digest section of the settings page ({@code digest/settings :: section}), loaded and saved by htmx, every
 * answer the whole section: the schedule, the recipients with their status, sends that failed, a test digest and a
 * preview of the next one. Invalid input answers 400 with a sentence naming the field, and saves nothing.
 */
@Controller
class DigestSettingsController {

	private static final String SECTION = "digest/settings :: section";

	/** Plain addresses as people type them; the mail server is the judge of the rest. */
	private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$");

	/** RFC 5321's longest address. */
	private static final int EMAIL_MAX = 254;

	/** How far back failed sends stay on the page. */
	private static final Duration PROBLEMS_SHOWN = Duration.ofDays(14);

	private final Stores stores;

	private final DigestRepository digests;

	private final DeliveryRepository deliveries;

	private final DigestContents contents;

	private final DigestMail mail;

	private final DigestLinks links;

	private final JavaMailSender sender;

	private final Clock clock;

	DigestSettingsController(Stores stores, DigestRepository digests, DeliveryRepository deliveries,
			DigestContents contents, DigestMail mail, DigestLinks links, JavaMailSender sender, Clock clock) {
		this.stores = stores;
		this.digests = digests;
		this.deliveries = deliveries;
		this.contents = contents;
		this.mail = mail;
		this.links = links;
		this.sender = sender;
		this.clock = clock;
	}

	@GetMapping("/settings/digest")
	ModelAndView section(@AuthenticationPrincipal StoreOwner owner) {
		return section(installed(owner), null, null, HttpStatus.OK);
	}

	@PostMapping("/settings/digest/schedule")
	ModelAndView saveSchedule(@AuthenticationPrincipal StoreOwner owner,
			@RequestParam(required = false) String frequency, @RequestParam(required = false) String hour,
			@RequestParam(required = false) String weekday) {
		Store store = installed(owner);
		Optional<DigestFrequency> chosen = Optional.ofNullable(frequency).flatMap(DigestFrequency::ofValue);
		if (chosen.isEmpty()) {
			return section(store, "Frequency must be off, daily or weekly.", null, HttpStatus.BAD_REQUEST);
		}
		Integer chosenHour = wholeNumber(hour).filter((value) -> value >= 0 && value <= 23).orElse(null);
		if (chosenHour == null) {
			return section(store, "Hour must be a whole hour from 0 to 23.", null, HttpStatus.BAD_REQUEST);
		}
		Optional<DayOfWeek> chosenDay = Arrays.stream(DayOfWeek.values())
			.filter((day) -> day.name().equalsIgnoreCase(weekday))
			.findFirst();
		if (chosenDay.isEmpty()) {
			return section(store, "Weekday must be a day from Monday to Sunday.", null, HttpStatus.BAD_REQUEST);
		}
		DigestSchedule schedule = new DigestSchedule(chosen.get(), chosenHour, chosenDay.get());
		this.digests.save(store.id(), schedule);
		return section(store, null, "Saved: the digest goes out " + schedule.describe() + " ("
				+ store.zone().getId() + ").", HttpStatus.OK);
	}

	/** Adds an address and mails it its confirmation link; it receives nothing until that link is followed. */
	@PostMapping("/settings/digest/recipients")
	ModelAndView addRecipient(@AuthenticationPrincipal StoreOwner owner, @RequestParam(required = false) String email) {
		Store store = installed(owner);
		String address = (email != null) ? email.strip().toLowerCase(Locale.ROOT) : "";
		if (address.length() > EMAIL_MAX || !EMAIL.matcher(address).matches()) {
			return section(store, "Email address must be a single address such as ops@example.com.", null,
					HttpStatus.BAD_REQUEST);
		}
		Optional<Recipient> added = this.digests.add(store.id(), address);
		if (added.isEmpty()) {
			return section(store, null, address + " is confirmed already.", HttpStatus.OK);
		}
		try {
			this.sender.send(this.mail.confirmation(this.sender, address, store.displayName(),
					this.links.confirm(added.get().id(), this.clock.instant())));
		}
		catch (MailException | MessagingException ex) {
			return section(store, null, "Added " + address + ", but its confirmation mail could not be sent ("
					+ ex.getMessage() + "). Add it again to retry.", HttpStatus.OK);
		}
		return section(store, null, "Added " + address + ": it receives digests once it follows the link in the "
				+ "confirmation mail just sent to it.", HttpStatus.OK);
	}

	@DeleteMapping("/settings/digest/recipients/{recipientId}")
	ModelAndView removeRecipient(@AuthenticationPrincipal StoreOwner owner, @PathVariable UUID recipientId) {
		Store store = installed(owner);
		if (!this.digests.remove(store.id(), recipientId)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return section(store, null, "Removed.", HttpStatus.OK);
	}

	/** Sends the digest as it would go out now to every confirmed address, at once and outside the schedule. */
	@PostMapping("/settings/digest/test")
	ModelAndView sendTest(@AuthenticationPrincipal StoreOwner owner) {
		Store store = installed(owner);
		List<Recipient> receiving = this.digests.recipients(store.id()).stream().filter(Recipient::receives).toList();
		if (receiving.isEmpty()) {
			return section(store, "Recipients must include a confirmed address to send a test digest to.", null,
					HttpStatus.BAD_REQUEST);
		}
		Instant now = this.clock.instant();
		DigestSchedule schedule = this.digests.schedule(store.id());
		try {
			for (Recipient recipient : receiving) {
				this.sender.send(this.mail.digest(this.sender, recipient.email(),
						this.contents.of(store, schedule, now, schedule.previousSlot(now, store.zone()), recipient.id(), now)));
			}
		}
		catch (MailException | MessagingException ex) {
			return section(store, null, "The test digest could not be sent: " + ex.getMessage(), HttpStatus.OK);
		}
		return section(store, null, "Test digest sent to " + receiving.size()
				+ ((receiving.size() == 1) ? " address." : " addresses."), HttpStatus.OK);
	}

	private Store installed(StoreOwner owner) {
		return this.stores.store(owner.storeId())
			.filter((store) -> store.status() != StoreStatus.UNINSTALLED)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private ModelAndView section(Store store, String error, String outcome, HttpStatus status) {
		Instant now = this.clock.instant();
		DigestSchedule schedule = this.digests.schedule(store.id());
		List<Recipient> recipients = this.digests.recipients(store.id());
		UUID previewRecipient = recipients.stream().map(Recipient::id).findFirst().orElseGet(UUID::randomUUID);
		ModelMap model = new ModelMap().addAttribute("schedule", schedule)
			.addAttribute("frequencies", Arrays.stream(DigestFrequency.values())
				.map((frequency) -> new Option(frequency.value(), frequency.label(), frequency == schedule.frequency()))
				.toList())
			.addAttribute("weekdays", Arrays.stream(DayOfWeek.values())
				.map((day) -> new Option(day.name().toLowerCase(Locale.ROOT),
						day.getDisplayName(TextStyle.FULL, Locale.ENGLISH), day == schedule.weekday()))
				.toList())
			.addAttribute("zone", store.zone().getId())
			.addAttribute("recipients", recipients)
			.addAttribute("problems", this.deliveries.problems(store.id(), now.minus(PROBLEMS_SHOWN)))
			.addAttribute("preview", this.mail.html(this.contents.of(store, schedule, now,
					schedule.previousSlot(now, store.zone()), previewRecipient, now)));
		if (error != null) {
			model.addAttribute("error", error);
		}
		if (outcome != null) {
			model.addAttribute("outcome", outcome);
		}
		return new ModelAndView(SECTION, model, status);
	}

	private static Optional<Integer> wholeNumber(String text) {
		try {
			return Optional.of(Integer.parseInt((text != null) ? text.strip() : ""));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/** One choice of a select (public accessors, for the template). */
	record Option(String value, String label, boolean selected) {
	}

}
