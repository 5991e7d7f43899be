package com.metricsdash.digest;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Writes the digest and confirmation mails from the Thymeleaf templates under {@code templates/digest/}: the digest
 * as multipart/alternative, its plain text first and its HTML (inline styles, no scripts) second, as mail clients
 * prefer the last part they can show. The templates are rendered by an engine of this class's own, not the web's,
 * since a mail has no request to resolve links against and needs a text mode beside HTML; it is no bean, so that the
 * web's engine stays Spring Boot's.
 */
@Component
class DigestMail {

	private final SpringTemplateEngine templates = new SpringTemplateEngine();

	private final InternetAddress from;

	DigestMail(DigestProperties properties) throws MessagingException {
		this.templates.addTemplateResolver(resolver(TemplateMode.HTML, "*.html"));
		this.templates.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt"));
		this.from = new InternetAddress(properties.from(), true);
	}

	/** The digest's HTML part alone, for the preview on the settings page. */
	String html(DigestContent content) {
		return render("mail.html", Map.of("digest", content));
	}

	/**
	 * The digest mail to one address, with RFC 8058's one-click unsubscribe headers: a mail client that offers
	 * "unsubscribe" POSTs {@code List-Unsubscribe=One-Click} to the signed URL, which needs no session.
	 */
	MimeMessage digest(JavaMailSender sender, String to, DigestContent content) throws MessagingException {
		Map<String, Object> variables = Map.of("digest", content);
		MimeMessage message = message(sender, to, subject(content));
		MimeMultipart alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(part(render("mail.txt", variables), "plain"));
		alternative.addBodyPart(part(render("mail.html", variables), "html"));
		message.setContent(alternative);
		message.setHeader("List-Unsubscribe", "<" + content.unsubscribeUrl() + ">");
		message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		return message;
	}

	/** The mail an address gets when it is added: digests start only once its link is followed. */
	MimeMessage confirmation(JavaMailSender sender, String to, String storeName, String confirmUrl)
			throws MessagingException {
		MimeMessage message = message(sender, to, "Confirm the MetricsDash digest of " + storeName);
		message.setText(render("confirmation.txt", Map.of("storeName", storeName, "confirmUrl", confirmUrl)),
				StandardCharsets.UTF_8.name());
		return message;
	}

	private MimeMessage message(JavaMailSender sender, String to, String subject) throws MessagingException {
		MimeMessage message = sender.createMimeMessage();
		message.setFrom(this.from);
		message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
		message.setSubject(subject, StandardCharsets.UTF_8.name());
		return message;
	}

	private static String subject(DigestContent content) {
		int open = content.alerts().size();
		String alerts = switch (open) {
			case 0 -> "no open alerts";
			case 1 -> "1 open alert";
			default -> open + " open alerts";
		};
		String fresh = (content.newAlerts() > 0) ? " (" + content.newAlerts() + " new)" : "";
		return content.storeName() + ": " + alerts + fresh + " · MetricsDash";
	}

	private String render(String template, Map<String, Object> variables) {
		return this.templates.process(template, new Context(null, variables));
	}

	private static MimeBodyPart part(String text, String subtype) throws MessagingException {
		MimeBodyPart part = new MimeBodyPart();
		part.setText(text, StandardCharsets.UTF_8.name(), subtype);
		return part;
	}

	private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/digest/");
		resolver.setTemplateMode(mode);
		resolver.setResolvablePatterns(Set.of(pattern));
		resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
		resolver.setCheckExistence(true);
		return resolver;
	}

}
