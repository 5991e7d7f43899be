package com.metricsdash.digest;

import java.time.Duration;
import java.util.UUID;

import com.metricsdash.local.CapturedMail;
import com.metricsdash.simulator.SimulatorCatalog;
import com.metricsdash.testing.Installs;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The digest section of the settings page, as a signed-in merchant uses it: it renders, refuses what it cannot save
 * with a sentence naming the field, saves a schedule, and mails a new recipient its confirmation link.
 */
@IntegrationTest
class DigestSettingsTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	Merchant merchant;

	@BeforeEach
	void signedIn() {
		this.merchant = new Merchant(this.port);
		String shop = new SimulatorCatalog(this.context).demoShop("digest-settings");
		Installs.installAndSync(this.context, this.merchant, shop);
	}

	@Test
	void theSectionRendersAndRefusesWhatItCannotSaveNamingTheField() {
		assertThat(this.merchant.get("/settings/digest").statusCode()).isEqualTo(200);
		assertThat(this.merchant.get("/settings").body()).contains("/settings/digest");

		var badHour = this.merchant.postFormWithCsrf("/settings/digest/schedule",
				"frequency=daily&hour=24&weekday=monday");
		assertThat(badHour.statusCode()).isEqualTo(400);
		assertThat(badHour.body()).contains("Hour must be a whole hour from 0 to 23.");
		var badAddress = this.merchant.postFormWithCsrf("/settings/digest/recipients", "email=not-an-address");
		assertThat(badAddress.statusCode()).isEqualTo(400);
		assertThat(badAddress.body()).contains("Email address must be a single address");

		var saved = this.merchant.postFormWithCsrf("/settings/digest/schedule", "frequency=weekly&hour=7&weekday=friday");
		assertThat(saved.statusCode()).isEqualTo(200);
		assertThat(saved.body()).contains("Saved: the digest goes out");
	}

	@Test
	void aNewRecipientIsMailedItsConfirmationLink() {
		String address = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		var added = this.merchant.postFormWithCsrf("/settings/digest/recipients", "email=" + address);

		assertThat(added.statusCode()).isEqualTo(200);
		assertThat(added.body()).contains("Added " + address);
		await().atMost(Duration.ofSeconds(5)).until(() -> !CapturedMail.to(this.context, address).isEmpty());
	}

}
