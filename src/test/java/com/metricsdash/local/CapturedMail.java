package com.metricsdash.local;

import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.context.ApplicationContext;

/** The mail the local stack's SMTP server received, for tests outside this package that read what the app sent. */
public final class CapturedMail {

	private CapturedMail() {
	}

	/** Every message received so far to {@code address}, oldest first. */
	public static List<MimeMessage> to(ApplicationContext context, String address) {
		return Arrays.stream(context.getBean(LocalStack.class).mail().getReceivedMessages())
			.filter((message) -> addressedTo(message, address))
			.toList();
	}

	private static boolean addressedTo(MimeMessage message, String address) {
		try {
			Address[] recipients = message.getAllRecipients();
			return recipients != null && Arrays.stream(recipients).anyMatch((to) -> to.toString().equalsIgnoreCase(address));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
