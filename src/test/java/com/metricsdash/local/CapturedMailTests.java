package com.metricsdash.local;

import java.util.UUID;

import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class CapturedMailTests {

	@Autowired
	JavaMailSender mailSender;

	@Autowired
	RestTestClient client;

	@Test
	void mailTheAppSendsIsCapturedAndListedOnTheLocalMailPage() {
		String subject = "Inventory digest " + UUID.randomUUID();
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom("alerts@metricsdash.local");
		message.setTo("ops@example.com");
		message.setSubject(subject);
		message.setText("3 variants are low on stock.");
		this.mailSender.send(message);

		this.client.get()
			.uri("/local/mail")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains(subject)
				.contains("ops@example.com")
				.contains("3 variants are low on stock."));
	}

}
