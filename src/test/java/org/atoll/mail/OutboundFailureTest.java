package org.atoll.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.ScriptedSmtpServer;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Retries, back-off and non-delivery reports, against an SMTP server on 127.0.0.1 that refuses recipients as each
 * test scripts it. This server is also set to refuse a foreign From instead of rewriting it.
 */
@AtollTest
class OutboundFailureTest {

    static final ScriptedSmtpServer smtp;

    static {
        try {
            smtp = new ScriptedSmtpServer();
        } catch (java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void smarthost(DynamicPropertyRegistry registry) {
        registry.add("atoll.data-dir", () -> "target/test-data-outbound-failure");
        registry.add("atoll.mail.smarthost.host", () -> "127.0.0.1");
        registry.add("atoll.mail.smarthost.port", smtp::port);
        registry.add("atoll.mail.outbound.max-attempts", () -> 3);
        registry.add("atoll.mail.foreign-from", () -> "refuse");
    }

    @AfterAll
    static void stop() throws Exception {
        smtp.close();
    }

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    MailSubmission submissions;

    @Autowired
    Deliveries deliveries;

    @Autowired
    JdbcClient jdbc;

    AccountView ana;

    @BeforeEach
    void account() {
        ana = TestAccounts.open(accounts, "ana");
        smtp.answerRcpt(address -> "250 2.1.5 OK");
    }

    void send(String to, String subject) {
        String mime = "From: " + ana.address() + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n\r\nx\r\n";
        submissions.submit(new Submission(
                ana.id(), 0, null, mime.getBytes(StandardCharsets.UTF_8), false, Submission.Kind.NEW, null, false));
    }

    List<MessageView> inbox() {
        return mailboxes.messages(
                ana.id(), mailboxes.systemFolder(ana.id(), SystemFolder.INBOX).id(), 0, 10);
    }

    String raw(MessageView message) {
        return new String(mailboxes.rawMime(ana.id(), message.id()), StandardCharsets.UTF_8);
    }

    Map<String, Object> row() {
        return jdbc.sql("SELECT attempts, last_error, recipients::text AS recipients,"
                        + " next_attempt_at > now() AS later FROM outbound_message WHERE account_id = ?")
                .param(ana.id())
                .query()
                .singleRow();
    }

    long queued() {
        return jdbc.sql("SELECT count(*) FROM outbound_message WHERE account_id = ?")
                .param(ana.id())
                .query(Long.class)
                .single();
    }

    @Test
    void permanentRefusalShouldPutANonDeliveryReportInTheSendersInbox() {
        smtp.answerRcpt(address -> address.startsWith("gone") ? "550 5.1.1 No such user" : "250 2.1.5 OK");

        send("gone@remote.example, here@remote.example", "=?utf-8?Q?Report=0D=0ABcc:_x@evil.example?=");
        deliveries.runDue();

        assertThat(queued()).isZero();
        List<MessageView> inbox = inbox();
        assertThat(inbox).hasSize(1);
        assertThat(inbox.getFirst().subject()).startsWith("Undeliverable: Report");
        String report = raw(inbox.getFirst());
        assertThat(report)
                .contains("multipart/report")
                .contains("Final-Recipient: rfc822; gone@remote.example")
                .contains("Status: 5.1.1")
                .doesNotContain("Final-Recipient: rfc822; here@remote.example")
                .doesNotContain("\r\nBcc:");
    }

    @Test
    void temporaryRefusalShouldBeRetriedLaterWithoutAReport() {
        smtp.answerRcpt(address -> "451 4.3.0 Try again later");

        send("later@remote.example", "Later");
        deliveries.runDue();

        Map<String, Object> row = row();
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat((String) row.get("last_error")).contains("451");
        assertThat(row.get("later")).isEqualTo(true);
        assertThat(inbox()).isEmpty();

        smtp.answerRcpt(address -> "250 2.1.5 OK");
        jdbc.sql("UPDATE outbound_message SET next_attempt_at = now() WHERE account_id = ?")
                .param(ana.id())
                .update();
        deliveries.runDue();

        assertThat(queued()).isZero();
        assertThat(inbox()).isEmpty();
    }

    @Test
    void onlyTheRecipientsStillOwedShouldBeRetried() {
        smtp.answerRcpt(address -> address.startsWith("slow") ? "452 4.2.2 Mailbox busy" : "250 2.1.5 OK");

        send("slow@remote.example, fast@remote.example", "Split");
        deliveries.runDue();

        assertThat((String) row().get("recipients")).isEqualTo("{slow@remote.example}");
    }

    @Test
    void tooManyTemporaryFailuresShouldEndInANonDeliveryReport() {
        smtp.answerRcpt(address -> "451 4.3.0 Try again later");
        send("never@remote.example", "Never");

        for (int attempt = 1; attempt <= 3; attempt++) {
            jdbc.sql("UPDATE outbound_message SET next_attempt_at = now() WHERE account_id = ? AND route = 'SMARTHOST'")
                    .param(ana.id())
                    .update();
            deliveries.runDue();
        }

        assertThat(queued()).isZero();
        assertThat(inbox()).hasSize(1);
        assertThat(raw(inbox().getFirst())).contains("never@remote.example").contains("gave up after 3 attempts");
    }

    @Test
    void backOffShouldDoubleUpToTheLongestWait() {
        assertThat(deliveries.backOff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(deliveries.backOff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(deliveries.backOff(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(deliveries.backOff(40)).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void foreignFromShouldBeRefusedWhenSoConfigured() {
        String mime = "From: ceo@example.org\r\nTo: dee@remote.example\r\nSubject: Wire\r\n\r\nx\r\n";

        assertThatThrownBy(() -> submissions.submit(new Submission(
                        ana.id(),
                        0,
                        null,
                        mime.getBytes(StandardCharsets.UTF_8),
                        true,
                        Submission.Kind.NEW,
                        null,
                        false)))
                .isInstanceOf(ForeignSender.class);
        assertThat(queued()).isZero();
    }
}
