package org.atoll.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.Devices;
import org.atoll.mail.LmtpServer;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.push.Parking;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.LmtpClient;
import org.atoll.support.MailClient;
import org.atoll.support.PingBodies;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /actuator/prometheus} as a Prometheus server and as intruders reach it: the scrape token or an
 * administrator reads it; nobody else does.
 */
@AtollTest
class MetricsScrapeTest {

    /** The scrape token of the test profile. */
    static final String SCRAPE_TOKEN = "scrape-token-for-tests-0123456789";

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    LmtpServer lmtp;

    @Autowired
    Devices devices;

    @Autowired
    Parking parking;

    private final HttpClient http = HttpClient.newHttpClient();

    AccountView user;

    @BeforeEach
    void user() {
        user = TestAccounts.open(accounts, "scraped");
    }

    HttpResponse<String> scrape(@Nullable String authorization) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final Pattern PARKED_PING = Pattern.compile("(?m)^atoll_eas_parked\\{command=\"Ping\"} [1-9]");

    String scrapeQuietly() {
        try {
            return scrape("Bearer " + SCRAPE_TOKEN).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSyncShouldBeCountedInTheScrapeByCommandAndStatus() throws Exception {
        long inbox = mailboxes.systemFolder(user.id(), SystemFolder.INBOX).id();
        MailClient phone = new MailClient(new EasDevice(port, user.address(), PASSWORD, "Scraped").provision());
        phone.syncFully(inbox, 10);

        HttpResponse<String> scraped = scrape("Bearer " + SCRAPE_TOKEN);

        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body())
                .containsPattern("(?m)^atoll_eas_requests_seconds_count\\{command=\"Sync\",status=\"1\"} [1-9]")
                .containsPattern("(?m)^atoll_eas_requests_seconds_count\\{command=\"Provision\",status=\"1\"} [1-9]")
                .contains("hikaricp_connections_active")
                .as("Spring Security's per-filter and per-sign-in observations are off; requests are timed whole")
                .doesNotContain("spring_security_filterchains")
                .doesNotContain("spring_security_authentications");
    }

    @Test
    void deliveriesWakeUpsSignInFailuresAndTheQueueShouldBeInTheScrape() throws Exception {
        long inbox = mailboxes.systemFolder(user.id(), SystemFolder.INBOX).id();
        MailClient phone = new MailClient(new EasDevice(port, user.address(), PASSWORD, "Pinging").provision());
        phone.device().folderSync("0");
        phone.syncFully(inbox, 10);
        CompletableFuture<WbxmlElement> parked = phone.device().sendAsync("Ping", PingBodies.ping(900, inbox));
        long devicePk = devices.find(user.id(), "Pinging").orElseThrow().id();
        Waiting.until("the Ping is parked", () -> parking.isParked(user.id(), devicePk));
        Waiting.until(
                "the parked Ping counts",
                () -> PARKED_PING.matcher(scrapeQuietly()).find());
        try (LmtpClient mta = new LmtpClient(lmtp.port())) {
            assertThat(mta.reply()).startsWith("220 ");
            mta.command("LHLO mta.example.org");
            assertThat(mta.deliver(
                            "sender@example.org",
                            List.of(user.address()),
                            "From: sender@example.org\r\nSubject: Scraped\r\n\r\nHello."))
                    .allMatch(reply -> reply.startsWith("250"));
        }
        assertThat(Waiting.result(parked).text("Status"))
                .as("the Ping's answer")
                .hasValue("2");
        assertThat(new EasDevice(port, user.address(), "not the password", "Scraped")
                        .post("FolderSync", new byte[0])
                        .statusCode())
                .isEqualTo(401);

        String scraped = scrape("Bearer " + SCRAPE_TOKEN).body();

        assertThat(scraped)
                .containsPattern("(?m)^atoll_eas_requests_seconds_count\\{command=\"Ping\",status=\"2\"} [1-9]")
                .containsPattern("(?m)^atoll_push_wake_up_seconds_count [1-9]")
                .containsPattern("(?m)^atoll_mail_deliveries_total\\{route=\"lmtp\"} [1-9]")
                .containsPattern("(?m)^atoll_mail_delivery_size_bytes_count\\{route=\"lmtp\"} [1-9]")
                .containsPattern("(?m)^atoll_sign_in_refusals_total\\{reason=\"bad_credentials\"} [1-9]")
                .containsPattern("(?m)^atoll_mail_outbound_depth [0-9]")
                .containsPattern("(?m)^atoll_mail_outbound_oldest_seconds [0-9]")
                .containsPattern("(?m)^atoll_push_parked [0-9]")
                .containsPattern("(?m)^atoll_push_listen_reconnects_total [0-9]")
                .containsPattern("(?m)^atoll_push_notifications_total [0-9]");
    }

    @Test
    void anAdministratorShouldReadTheMetricsToo() throws Exception {
        assertThat(scrape(basic("admin@example.test", "admin-test-password")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void noTokenShouldBeChallenged() throws Exception {
        HttpResponse<String> refused = scrape(null);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(refused.body()).doesNotContain("atoll_eas_requests");
    }

    @Test
    void aWrongTokenShouldBeRefusedWith401() throws Exception {
        HttpResponse<String> refused = scrape("Bearer " + SCRAPE_TOKEN + "x");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("atoll_eas_requests");
    }

    @Test
    void aUserShouldBeRefusedWith403() throws Exception {
        HttpResponse<String> refused = scrape(basic(user.address(), PASSWORD));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("atoll_eas_requests");
    }

    /** Elsewhere the scrape token is just an unknown API token. */
    @Test
    void theScrapeTokenShouldOpenNoOtherEndpoint() throws Exception {
        HttpResponse<String> refused = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/metrics"))
                        .header("Authorization", "Bearer " + SCRAPE_TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("jvm");
    }
}
