package org.atoll.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.NewAccount;
import org.atoll.account.Role;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.QuotaExceeded;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.LmtpClient;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a sender must not be able to do with submitted mail, over real HTTP and WBXML into the real store and to a
 * real SMTP server (GreenMail) on 127.0.0.1: carry trace and authentication headers of its own to recipients, send
 * past the per-account limits, or fill a mailbox past the default quota.
 */
@AtollTest
class SubmissionHardeningTest {

    static final int RECIPIENTS_PER_HOUR = 4;
    static final int DEFAULT_QUOTA_BYTES = 16 * 1024;

    static final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        smtp.start();
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("atoll.data-dir", () -> "target/test-data-submission-hardening");
        registry.add("atoll.mail.hostname", () -> "atoll.example.net");
        registry.add("atoll.mail.smarthost.host", () -> "127.0.0.1");
        registry.add("atoll.mail.smarthost.port", () -> smtp.getSmtp().getPort());
        registry.add("atoll.mail.send-limits.recipients-per-hour", () -> RECIPIENTS_PER_HOUR);
        registry.add("atoll.mailbox.default-quota", () -> DEFAULT_QUOTA_BYTES + "B");
    }

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    Deliveries deliveries;

    @Autowired
    LmtpServer lmtp;

    @Autowired
    JdbcClient jdbc;

    AccountView ana;
    AccountView bo;
    EasDevice phone;

    @BeforeEach
    void accountsAndDevice() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        ana = TestAccounts.open(accounts, "ana");
        bo = TestAccounts.open(accounts, "bo");
        phone = new EasDevice(port, ana.address(), "correct horse battery", "AnaPhone").provision();
    }

    static WbxmlElement sendMail(String mime) {
        return WbxmlElement.of(CodePage.COMPOSE_MAIL, "SendMail")
                .add("ClientId", UUID.randomUUID().toString())
                .addEmpty("SaveInSentItems")
                .add(WbxmlElement.opaque(CodePage.COMPOSE_MAIL, "Mime", mime.getBytes(StandardCharsets.UTF_8)));
    }

    /** Posts a 14.1 SendMail; the Status, or "empty" for the empty 200 that means success. */
    static String post(EasDevice device, String mime) throws Exception {
        HttpResponse<byte[]> response = device.post("SendMail", new WbxmlEncoder().encode(sendMail(mime)));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().length == 0
                ? "empty"
                : new WbxmlDecoder().decode(response.body()).text("Status").orElseThrow();
    }

    List<MessageView> folder(AccountView account, SystemFolder role) {
        return mailboxes.messages(
                account.id(), mailboxes.systemFolder(account.id(), role).id(), 0, 50);
    }

    String raw(AccountView account, MessageView message) {
        return new String(mailboxes.rawMime(account.id(), message.id()), StandardCharsets.UTF_8);
    }

    static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static String headerBlock(String raw) {
        return raw.substring(0, raw.indexOf("\r\n\r\n") + 2);
    }

    long queued(AccountView account) {
        return jdbc.sql("SELECT count(*) FROM outbound_message WHERE account_id = ?")
                .param(account.id())
                .query(Long.class)
                .single();
    }

    /**
     * Defect 10: a submitted message is the start of its trace (RFC 5321 section 4.4, RFC 6409 section 8), so
     * whatever trace and authentication results the sender wrote into it are false by definition.
     */
    @Nested
    class TraceHeaders {

        static final List<String> FORGED = List.of(
                "Return-Path: <ceo@bank.example>",
                "Received: from mx.bank.example (mx.bank.example [192.0.2.1]) by mx.atoll.example.net; "
                        + "Thu, 3 Dec 2026 10:00:00 +0000",
                "Authentication-Results: atoll.example.net; dkim=pass header.d=bank.example; spf=pass",
                "ARC-Seal: i=1; a=rsa-sha256; cv=none; d=bank.example; s=arc; b=AAAA",
                "ARC-Message-Signature: i=1; a=rsa-sha256; d=bank.example; s=arc; h=from; bh=AAAA; b=AAAA",
                "ARC-Authentication-Results: i=1; atoll.example.net; dmarc=pass",
                "DKIM-Signature: v=1; a=rsa-sha256; d=bank.example; s=s1; h=from; bh=AAAA; b=AAAA",
                "DomainKey-Signature: a=rsa-sha1; d=bank.example; s=s1; b=AAAA",
                "Received-SPF: pass (atoll.example.net: domain of bank.example designates 192.0.2.1)",
                "Resent-From: ceo@bank.example",
                "Resent-Date: Thu, 3 Dec 2026 10:00:00 +0000",
                "Resent-Message-ID: <resent@bank.example>",
                "Delivered-To: someone@atoll.example.net",
                "X-Original-To: someone@atoll.example.net",
                "X-Spam-Status: No, score=-100",
                "X-Spam-Flag: NO");

        static final List<String> NAMES =
                FORGED.stream().map(h -> h.substring(0, h.indexOf(':') + 1)).toList();

        String forged(String to, String subject) {
            return String.join("\r\n", FORGED) + "\r\nFrom: " + ana.address() + "\r\nTo: " + to + "\r\nSubject: "
                    + subject + "\r\nMessage-ID: <" + UUID.randomUUID() + "@phone>\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n\r\nPlease wire the money today.\r\n";
        }

        /**
         * None of the sender's lines, nor any header of those names; the only Received lines are this server's own
         * ({@code ours} of them) and, at the smarthost, the one GreenMail adds as it receives.
         */
        void assertStripped(String raw, int ours) {
            String headers = headerBlock(raw);
            for (String line : FORGED) {
                assertThat(headers).doesNotContain(line);
            }
            assertThat(headers).doesNotContain("bank.example").doesNotContain("score=-100");
            for (String name : NAMES) {
                if (!name.equals("Received:") && !name.equals("Return-Path:")) {
                    assertThat(headers)
                            .as(name)
                            .doesNotContainIgnoringCase("\n" + name)
                            .doesNotStartWith(name);
                }
            }
            List<String> received = headers.lines()
                    .filter(l -> l.regionMatches(true, 0, "Received:", 0, 9))
                    .toList();
            assertThat(received)
                    .filteredOn(l -> l.startsWith("Received: by atoll.example.net with ActiveSync; "))
                    .hasSize(ours);
            assertThat(received)
                    .allMatch(l -> l.startsWith("Received: by atoll.example.net with ActiveSync; ")
                            || l.startsWith("Received: from 127.0.0.1 (HELO atoll.example.net)"));
        }

        void assertStrippedForALocalRecipient(String raw) {
            assertStripped(raw, 1);
            assertThat(headerBlock(raw)).doesNotContain("Return-Path:");
        }

        @Test
        void sendMailShouldStripThemForALocalRecipientAndAtTheSmarthost() throws Exception {
            String status = post(phone, forged(bo.address() + ", dee@remote.example", "Urgent"));
            deliveries.runDue();

            assertThat(status).isEqualTo("empty");
            String local = raw(bo, folder(bo, SystemFolder.INBOX).getFirst());
            assertStrippedForALocalRecipient(local);
            assertThat(local).contains("Please wire the money today.");
            MimeMessage[] relayed = smtp.getReceivedMessagesForDomain("remote.example");
            assertThat(relayed).hasSize(1);
            assertStripped(raw(relayed[0]), 1);
            assertThat(raw(relayed[0])).doesNotContain("Return-Path: <ceo");
            assertStripped(raw(ana, folder(ana, SystemFolder.SENT_ITEMS).getFirst()), 0);
        }

        @Test
        void atollShouldAddItsOwnReceivedLineFirst() throws Exception {
            post(phone, forged(bo.address(), "Traced"));

            String local = raw(bo, folder(bo, SystemFolder.INBOX).getFirst());
            assertThat(local).startsWith("Received: by atoll.example.net with ActiveSync;");
            assertThat(headerBlock(local).split("(?i)\nReceived:", -1)).hasSize(1);
        }

        @Test
        void protocol121RawMimeShouldBeStrippedToo() throws Exception {
            EasDevice old = new EasDevice(port, ana.address(), "correct horse battery", "OldPhone", "12.1").provision();

            HttpResponse<byte[]> response = old.post(
                    "SendMail",
                    "&SaveInSent=T",
                    "message/rfc822",
                    forged(bo.address(), "Old style").getBytes(StandardCharsets.UTF_8));

            assertThat(response.statusCode()).isEqualTo(200);
            assertStrippedForALocalRecipient(
                    raw(bo, folder(bo, SystemFolder.INBOX).getFirst()));
        }

        @Test
        void smartForwardShouldStripThemFromTheDevicesPart() throws Exception {
            long inbox = mailboxes.systemFolder(ana.id(), SystemFolder.INBOX).id();
            MessageView original = mailboxes.deliver(
                    ana.id(),
                    inbox,
                    ("From: " + bo.address() + "\r\nTo: " + ana.address() + "\r\nSubject: Figures\r\n\r\nQ3.\r\n")
                            .getBytes(StandardCharsets.UTF_8),
                    null);
            WbxmlElement request = WbxmlElement.of(CodePage.COMPOSE_MAIL, "SmartForward")
                    .add("ClientId", "fwd-trace")
                    .add(WbxmlElement.of(CodePage.COMPOSE_MAIL, "Source")
                            .add("ItemId", original.folderId() + ":" + original.id()))
                    .add(WbxmlElement.opaque(
                            CodePage.COMPOSE_MAIL,
                            "Mime",
                            forged("dee@remote.example", "Fwd: Figures").getBytes(StandardCharsets.UTF_8)));

            HttpResponse<byte[]> response = phone.post("SmartForward", new WbxmlEncoder().encode(request));
            deliveries.runDue();

            assertThat(response.body()).isEmpty();
            MimeMessage[] relayed = smtp.getReceivedMessagesForDomain("remote.example");
            assertThat(relayed).hasSize(1);
            assertStripped(raw(relayed[0]), 1);
            assertThat(raw(relayed[0])).contains("Q3.");
        }

        @Test
        void theRestOfTheMessageShouldStayByteForByte() throws Exception {
            String body =
                    "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nline one\r\n  indented\r\n" + "--b--\r\n";
            String mime = "Received: from forged\r\nFrom: " + ana.address() + "\r\nTo: " + bo.address()
                    + "\r\nSubject: Same\r\nDate: Thu, 3 Dec 2026 10:00:00 +0000\r\nMessage-ID: <same-1@phone>\r\nX-Mailer: Phone Mail 7\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" + body;

            post(phone, mime);

            String local = raw(bo, folder(bo, SystemFolder.INBOX).getFirst());
            assertThat(local.substring(local.indexOf("\r\n") + 2))
                    .isEqualTo("From: " + ana.address() + "\r\nTo: " + bo.address()
                            + "\r\nSubject: Same\r\nDate: Thu, 3 Dec 2026 10:00:00 +0000\r\nMessage-ID: <same-1@phone>\r\nX-Mailer: Phone Mail 7\r\n"
                            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" + body);
        }
    }

    /** The per-account send limits, here {@value #RECIPIENTS_PER_HOUR} recipients an hour (MS-ASCMD 2.2.2, 115). */
    @Nested
    class SendLimits {

        String to(String... recipients) {
            return "From: " + ana.address() + "\r\nTo: " + String.join(", ", recipients)
                    + "\r\nSubject: Hello\r\n\r\nHi.\r\n";
        }

        @Test
        void sendingPastTheAllowanceShouldGetStatus115AndSendAndStoreNothing() throws Exception {
            assertThat(post(phone, to(bo.address(), "dee@remote.example", "eve@remote.example")))
                    .isEqualTo("empty");
            long sentBefore = folder(ana, SystemFolder.SENT_ITEMS).size();

            assertThat(post(phone, to(bo.address(), "fay@remote.example"))).isEqualTo("115");

            assertThat(folder(bo, SystemFolder.INBOX)).hasSize(1);
            assertThat(folder(ana, SystemFolder.SENT_ITEMS)).hasSize((int) sentBefore);
            assertThat(queued(ana)).isEqualTo(1);
            assertThat(post(phone, to(bo.address())))
                    .as("what is left of the allowance")
                    .isEqualTo("empty");
        }

        @Test
        void protocol121ShouldLearnOfItAsServerBusy() throws Exception {
            EasDevice old = new EasDevice(port, ana.address(), "correct horse battery", "OldPhone", "12.1").provision();
            byte[] tooMany = to(
                            "a@remote.example",
                            "b@remote.example",
                            "c@remote.example",
                            "d@remote.example",
                            "e@remote.example")
                    .getBytes(StandardCharsets.UTF_8);

            HttpResponse<byte[]> response = old.post("SendMail", "&SaveInSent=T", "message/rfc822", tooMany);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After"))
                    .as("MS-ASHTTP 3.2.5.1: a 503 says when to try again")
                    .isPresent();
            assertThat(folder(ana, SystemFolder.SENT_ITEMS)).isEmpty();
            assertThat(queued(ana)).isZero();
        }

        @Test
        void anotherAccountShouldStillSend() throws Exception {
            post(phone, to("a@remote.example", "b@remote.example", "c@remote.example", "d@remote.example"));
            assertThat(post(phone, to(bo.address()))).isEqualTo("115");
            EasDevice bosPhone = new EasDevice(port, bo.address(), "correct horse battery", "BoPhone").provision();

            String status = post(
                    bosPhone, "From: " + bo.address() + "\r\nTo: " + ana.address() + "\r\nSubject: Mine\r\n\r\nx\r\n");

            assertThat(status).isEqualTo("empty");
            assertThat(folder(ana, SystemFolder.INBOX))
                    .extracting(MessageView::subject)
                    .containsExactly("Mine");
        }
    }

    /** The default quota, here {@value #DEFAULT_QUOTA_BYTES} bytes, for accounts without a quota of their own. */
    @Nested
    class DefaultQuota {

        static String message(String subject, int bodyBytes) {
            return "From: sender@example.org\r\nTo: someone@atoll.test\r\nSubject: " + subject + "\r\n\r\n"
                    + "x".repeat(bodyBytes) + "\r\n";
        }

        @Test
        void deliveryPastTheDefaultQuotaShouldBeRefusedWithQuotaExceeded() {
            long inbox = mailboxes.systemFolder(bo.id(), SystemFolder.INBOX).id();
            mailboxes.deliver(bo.id(), inbox, message("Fits", 10_000).getBytes(StandardCharsets.UTF_8), null);

            assertThatThrownBy(() -> mailboxes.deliver(
                            bo.id(), inbox, message("Too much", 10_000).getBytes(StandardCharsets.UTF_8), null))
                    .isInstanceOf(QuotaExceeded.class)
                    .hasMessageContaining(Integer.toString(DEFAULT_QUOTA_BYTES));
            assertThat(folder(bo, SystemFolder.INBOX))
                    .extracting(MessageView::subject)
                    .containsExactly("Fits");
        }

        @Test
        void lmtpShouldAnswer552ForTheFullRecipientOnly() throws Exception {
            long inbox = mailboxes.systemFolder(bo.id(), SystemFolder.INBOX).id();
            mailboxes.deliver(bo.id(), inbox, message("Filler", 14_000).getBytes(StandardCharsets.UTF_8), null);

            List<String> replies;
            try (LmtpClient client = new LmtpClient(lmtp.port())) {
                client.reply();
                client.command("LHLO mta.example.org");
                replies = client.deliver(
                        "sender@example.org", List.of(bo.address(), ana.address()), message("Big", 4_000));
            }

            assertThat(replies.get(0)).startsWith("552 5.2.2");
            assertThat(replies.get(1)).startsWith("250");
            assertThat(folder(ana, SystemFolder.INBOX))
                    .extracting(MessageView::subject)
                    .containsExactly("Big");
        }

        @Test
        void anAccountsOwnQuotaShouldWinOverTheDefault() {
            AccountView big = accounts.create(new NewAccount(
                    TestAccounts.uniqueAddress("big"), null, "correct horse battery", Role.USER, 1_000_000L));
            long inbox = mailboxes.systemFolder(big.id(), SystemFolder.INBOX).id();

            for (int i = 0; i < 3; i++) {
                mailboxes.deliver(big.id(), inbox, message("Part " + i, 10_000).getBytes(StandardCharsets.UTF_8), null);
            }

            assertThat(folder(big, SystemFolder.INBOX)).hasSize(3);
        }

        @Test
        void localDeliveryToAFullMailboxShouldBounceToTheSender() throws Exception {
            long inbox = mailboxes.systemFolder(bo.id(), SystemFolder.INBOX).id();
            mailboxes.deliver(bo.id(), inbox, message("Filler", 14_000).getBytes(StandardCharsets.UTF_8), null);

            String status = post(
                    phone,
                    "From: " + ana.address() + "\r\nTo: " + bo.address() + "\r\nSubject: Report\r\n\r\n"
                            + "y".repeat(4_000) + "\r\n");
            deliveries.runDue();

            assertThat(status).isEqualTo("empty");
            assertThat(folder(bo, SystemFolder.INBOX))
                    .extracting(MessageView::subject)
                    .containsExactly("Filler");
            assertThat(folder(ana, SystemFolder.INBOX)).hasSize(1);
            assertThat(raw(ana, folder(ana, SystemFolder.INBOX).getFirst())).contains("552 5.2.2");
        }
    }
}
