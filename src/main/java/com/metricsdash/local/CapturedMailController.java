package com.metricsdash.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMailUtil;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Lists the mail the local SMTP server captured, newest first, so a developer can read what the app sent. */
@Controller
@Profile("local")
class CapturedMailController {

	private final LocalStack stack;

	CapturedMailController(LocalStack stack) {
		this.stack = stack;
	}

	@GetMapping("/local/mail")
	String mail(Model model) throws MessagingException {
		MimeMessage[] received = this.stack.mail().getReceivedMessages();
		List<CapturedMail> newestFirst = new ArrayList<>(received.length);
		for (int i = received.length - 1; i >= 0; i--) {
			newestFirst.add(CapturedMail.of(received[i]));
		}
		model.addAttribute("messages", newestFirst);
		return "local/mail";
	}

	record CapturedMail(String from, String to, String subject, Instant sentAt, String body) {

		static CapturedMail of(MimeMessage message) throws MessagingException {
			return new CapturedMail(addresses(message.getFrom()), addresses(message.getAllRecipients()),
					message.getSubject(), message.getSentDate() != null ? message.getSentDate().toInstant() : null,
					GreenMailUtil.getBody(message));
		}

		private static String addresses(Address[] addresses) {
			return addresses == null ? ""
					: String.join(", ", Arrays.stream(addresses).map(Address::toString).toList());
		}

	}

}
