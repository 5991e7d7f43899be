package com.metricsdash.digest;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.metricsdash.local.CapturedMail;
import com.metricsdash.shop.StoreSeeds;
import com.metricsdash.shop.Stores;
import com.metricsdash.simulator.SimulatorFixture;
import com.metricsdash.testing.IntegrationTest;
import com.metricsdash.testing.Merchant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Digests against the real SMTP server and PostgreSQL: sent only to confirmed addresses, once per period however many
 * passes run at once, with both parts, the alerts' numbers and yesterday's sales, links that open the alert and
 * refuse tampering, one-click unsubscribe, and SMTP failures retried and shown.
 */
@IntegrationTest
class DigestDeliveryTests {

	private static final Pattern LINK = Pattern.compile("(http://localhost:\\d+/digest/(open|unsubscribe)\\?t=[A-Za-z0-9_.-]+)");

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	DigestRepository digests;

	@Autowired
	DeliveryRepository deliveries;

	@Autowired
	DigestRun run;

	@Autowired
	DigestLinks links;

	@Autowired
	JdbcClient jdbc;

	@Value("${metricsdash.shopify.api-key}")
	String apiKey;

	@Test
	void anAddressGetsNoDigestUntilItFollowsItsConfirmationLinkThenExactlyOnePerPeriod() throws Exception {
		UUID store = store();
		String email = address();
		Recipient recipient = this.digests.add(store, email).orElseThrow();
		Instant now = dueInTwoDays();

		this.run.run(now);
		assertThat(CapturedMail.to(this.context, email)).isEmpty();

		Merchant reader = new Merchant(this.port);
		HttpResponse<String> page = reader.get(this.links.confirm(recipient.id(), Instant.now()));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Receive the MetricsDash digest at " + email);
		assertThat(this.digests.recipient(recipient.id()).orElseThrow().confirmedAt()).isNull();
		assertThat(reader.post(this.links.confirm(recipient.id(), Instant.now()), "").body()).contains("Address confirmed");

		this.run.run(now);
		this.run.run(now.plusSeconds(60));
		assertThat(CapturedMail.to(this.context, email)).hasSize(1);
	}

	@Test
	void twoPassesRunningAtOnceSendOneDigestPerRecipient() throws Exception {
		UUID store = store();
		List<String> emails = List.of(address(), address(), address());
		emails.forEach((email) -> confirmed(store, email));
		Instant now = dueInTwoDays();
		CountDownLatch start = new CountDownLatch(1);

		List<CompletableFuture<Integer>> passes = List.of(1, 2, 3, 4).stream().map((n) -> CompletableFuture.supplyAsync(() -> {
			await(start);
			return this.run.run(now);
		})).toList();
		start.countDown();
		passes.forEach(CompletableFuture::join);

		for (String email : emails) {
			assertThat(CapturedMail.to(this.context, email)).as(email).hasSize(1);
		}
	}

	@Test
	void theDigestHasTextAndHtmlPartsWithTheAlertsNumbersAndYesterdaysSales() throws Exception {
		UUID store = store();
		String email = address();
		confirmed(store, email);
		this.jdbc.sql("""
				insert into inventory_alert (store_id, product_id, variant_id, alert_type, threshold, current_level,
				    product_title, variant_title, sku, units_sold, velocity, velocity_days, in_stock_days, created_at)
				values (:store, 11, 22, 'LOW_STOCK', 10, 4, 'Linen Shirt', 'Red / M', 'LS-RM', 14, 2, 7, 7, now())""")
			.param("store", store)
			.update();

		this.run.run(dueInTwoDays());

		MimeMessage mail = CapturedMail.to(this.context, email).get(0);
		assertThat(mail.getSubject()).contains("1 open alert");
		assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		assertThat(mail.getHeader("List-Unsubscribe")[0]).matches("<http://localhost:\\d+/digest/unsubscribe\\?t=.+>");
		MimeMultipart parts = (MimeMultipart) mail.getContent();
		assertThat(parts.getContentType()).startsWith("multipart/alternative");
		String text = part(parts, 0, "text/plain");
		String html = part(parts, 1, "text/html");
		for (String body : List.of(text, html)) {
			assertThat(body).contains("Linen Shirt").contains("4 units available, below the threshold of 10.")
				.contains("Sells 2 a day").contains("Orders").contains("Revenue").contains("against");
		}
		assertThat(html).doesNotContainIgnoringCase("<script");
	}

	@Test
	void aLinkFromTheMailOpensTheAlertAndATamperedOrExpiredOneIsRefused() throws Exception {
		UUID store = store();
		UUID alert = lowStockAlert(store);
		Merchant reader = new Merchant(this.port);
		String link = this.links.open(store, alert, Instant.now());

		HttpResponse<String> opened = reader.get(link);
		assertThat(opened.statusCode()).isEqualTo(302);
		assertThat(Merchant.location(opened)).endsWith("/alerts?status=active#alert-" + alert);

		String tampered = link.substring(0, link.length() - 3) + (link.endsWith("A") ? "BBB" : "AAA");
		assertThat(reader.get(tampered).statusCode()).isEqualTo(400);
		String otherAlert = this.links.open(store, UUID.randomUUID(), Instant.now());
		String swapped = link.substring(0, link.indexOf('.')) + otherAlert.substring(otherAlert.indexOf('.'));
		assertThat(reader.get(swapped).statusCode()).isEqualTo(400);
		HttpResponse<String> expired = reader.get(this.links.open(store, alert, Instant.now().minus(Duration.ofDays(31))));
		assertThat(expired.statusCode()).isEqualTo(410);
		assertThat(expired.body()).contains("This link has expired");
	}

	@Test
	void aLinkFromTheMailOfAStoreUsedInsideTheShopifyAdminOpensTheAlertThereFocused() throws Exception {
		String shop = "digest-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
		UUID store = new StoreSeeds(this.context).install(shop, ZoneId.of("America/New_York"), "USD");
		UUID alert = lowStockAlert(store);
		Merchant reader = new Merchant(this.port);
		String link = this.links.open(store, alert, Instant.now());
		SimulatorFixture admin = new SimulatorFixture(this.context);
		String embeddedLoad = "?embedded=1&shop=" + shop + "&id_token=" + admin.idToken(shop);
		assertThat(reader.get("/alerts" + embeddedLoad).statusCode()).as("the admin opens the app's alerts page")
			.isEqualTo(200);

		HttpResponse<String> opened = reader.get(link);

		assertThat(opened.statusCode()).isEqualTo(302);
		String handle = shop.substring(0, shop.indexOf('.'));
		String inAdmin = "https://admin.shopify.com/store/" + handle + "/apps/" + this.apiKey
				+ "/alerts?status=active&alert=" + alert;
		assertThat(Merchant.location(opened)).isEqualTo(inAdmin);
		HttpResponse<String> framed = new Merchant(this.port)
			.get(inAdmin.substring(inAdmin.indexOf("/alerts")) + embeddedLoad.replace('?', '&'));
		assertThat(framed.statusCode()).isEqualTo(200);
		assertThat(framed.headers().firstValue("Content-Security-Policy").orElseThrow())
			.contains("frame-ancestors https://" + shop + " https://admin.shopify.com");
		assertThat(framed.body()).containsPattern("id=\"alert-" + alert + "-status\"[^>]*autofocus")
			.containsOnlyOnce("autofocus=");
		HttpResponse<String> forged = new Merchant(this.port).get("/alerts?embedded=1&shop=" + shop + "&id_token=forged");
		assertThat(forged.statusCode()).isEqualTo(401);
	}

	@Test
	void oneClickUnsubscribeFromTheMailStopsFurtherDigests() throws Exception {
		UUID store = store();
		String email = address();
		confirmed(store, email);
		Instant now = dueInTwoDays();
		this.run.run(now);
		MimeMessage first = CapturedMail.to(this.context, email).get(0);
		String unsubscribe = first.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "");

		Merchant mailClient = new Merchant(this.port);
		assertThat(mailClient.get(unsubscribe).body()).contains("Stop sending the MetricsDash digest to " + email);
		HttpResponse<String> done = mailClient.post(unsubscribe, "List-Unsubscribe=One-Click");
		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(done.body()).contains("Unsubscribed");

		this.run.run(now.plus(Duration.ofDays(1)));
		assertThat(CapturedMail.to(this.context, email)).hasSize(1);
		Matcher footer = LINK.matcher(part((MimeMultipart) first.getContent(), 0, "text/plain"));
		assertThat(footer.find()).isTrue();
	}

	@Test
	void aFailedSendIsRetriedWithBackoffAndAGivenUpSendIsRecorded() throws Exception {
		UUID store = store();
		String flaky = address();
		confirmed(store, flaky);
		JavaMailSenderImpl real = this.context.getBean(JavaMailSenderImpl.class);
		int[] failuresLeft = { 2 };
		JavaMailSenderImpl failingTwice = new JavaMailSenderImpl() {
			@Override
			protected void doSend(MimeMessage[] messages, Object[] originals) {
				if (failuresLeft[0]-- > 0) {
					throw new MailSendException("Connection refused (test)");
				}
				super.doSend(messages, originals);
			}
		};
		failingTwice.setHost(real.getHost());
		failingTwice.setPort(real.getPort());
		DigestProperties properties = this.context.getBean(DigestProperties.class);
		DigestRun pass = new DigestRun(this.digests, this.deliveries, this.context.getBean(DigestContents.class),
				this.context.getBean(DigestMail.class), failingTwice, this.context.getBean(Stores.class), properties,
				java.time.Clock.systemUTC());
		Instant now = dueInTwoDays();

		pass.run(now);
		assertThat(this.deliveries.problems(store, now.minus(Duration.ofDays(2)))).singleElement()
			.satisfies((problem) -> assertThat(problem.failed()).isFalse());
		pass.run(now.plus(properties.retryDelays().get(0)).minusSeconds(1));
		assertThat(CapturedMail.to(this.context, flaky)).isEmpty();
		pass.run(now.plus(properties.retryDelays().get(0)));
		pass.run(now.plus(properties.retryDelays().get(0)).plus(properties.retryDelays().get(1)));
		assertThat(CapturedMail.to(this.context, flaky)).hasSize(1);
		assertThat(this.deliveries.problems(store, now.minus(Duration.ofDays(2)))).isEmpty();

		String lost = address();
		confirmed(store, lost);
		failuresLeft[0] = Integer.MAX_VALUE;
		Instant later = now.plus(Duration.ofDays(1));
		pass.run(later);
		for (Duration delay : properties.retryDelays()) {
			later = later.plus(delay);
			pass.run(later);
		}
		assertThat(this.deliveries.problems(store, now.minus(Duration.ofDays(2))))
			.filteredOn((problem) -> problem.email().equals(lost))
			.singleElement()
			.satisfies((problem) -> {
				assertThat(problem.failed()).isTrue();
				assertThat(problem.attempts()).isEqualTo(properties.retryDelays().size() + 1);
				assertThat(problem.error()).contains("Connection refused (test)");
			});
	}

	/** A minute past the default digest hour (08:00 in New York) two days from now: later than any confirmation. */
	private static Instant dueInTwoDays() {
		return DigestSchedule.DEFAULT.lastSlot(Instant.now().plus(Duration.ofDays(2)), ZoneId.of("America/New_York"))
			.orElseThrow()
			.plusSeconds(60);
	}

	private UUID store() {
		return new StoreSeeds(this.context).install("digest-" + UUID.randomUUID().toString().substring(0, 8)
				+ ".myshopify.com", ZoneId.of("America/New_York"), "USD");
	}

	private UUID lowStockAlert(UUID store) {
		return this.jdbc.sql("""
				insert into inventory_alert (store_id, product_id, variant_id, alert_type, threshold, current_level)
				values (:store, 1, 2, 'LOW_STOCK', 10, 3) returning id""")
			.param("store", store)
			.query(UUID.class)
			.single();
	}

	private void confirmed(UUID store, String email) {
		Recipient recipient = this.digests.add(store, email).orElseThrow();
		this.digests.confirm(recipient.id(), Instant.now());
	}

	private static String address() {
		return "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	private static String part(MimeMultipart parts, int index, String type) throws Exception {
		BodyPart part = parts.getBodyPart(index);
		assertThat(part.getContentType()).startsWith(type);
		return part.getContent().toString();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
