package org.atoll.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbound queue against a real SMTP server (GreenMail) on 127.0.0.1, with authentication: what arrives there is
 * what a recipient elsewhere would receive.
 */
@AtollTest
@ExtendWith(OutputCaptureExtension.class)
class OutboundSmtpTest {

    static final String PASSWORD = "smarthost-secret-7f3a";

    static final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay", PASSWORD));

    static {
        smtp.start();
    }

    @DynamicPropertySource
    static void smarthost(DynamicPropertyRegistry registry) {
        registry.add("atoll.data-dir", () -> "target/test-data-outbound-smtp");
        registry.add("atoll.mail.smarthost.host", () -> "127.0.0.1");
        registry.add("atoll.mail.smarthost.port", () -> smtp.getSmtp().getPort());
        registry.add("atoll.mail.smarthost.username", () -> "relay");
        registry.add("atoll.mail.smarthost.password", () -> PASSWORD);
    }

    @AfterAll
    static void stop() {
        smtp.stop();
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
    MailProperties properties;

    @Autowired
    JdbcClient jdbc;

    AccountView ana;
    AccountView bo;

    @BeforeEach
    void freshServer() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        ana = TestAccounts.open(accounts, "ana");
        bo = TestAccounts.open(accounts, "bo");
    }

    void send(String mime) {
        submissions.submit(new Submission(
                ana.id(), 0, null, mime.getBytes(StandardCharsets.UTF_8), true, Submission.Kind.NEW, null, false));
    }

    static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    long queued() {
        return jdbc.sql("SELECT count(*) FROM outbound_message WHERE account_id = ?")
                .param(ana.id())
                .query(Long.class)
                .single();
    }

    @Test
    void remoteRecipientShouldWaitInTheQueueUntilTheWorkerRelaysIt() throws Exception {
        send("From: " + ana.address() + "\r\nTo: Dee <dee@remote.example>\r\nSubject: Out\r\n\r\nHello.\r\n");

        assertThat(queued()).isEqualTo(1);
        assertThat(smtp.getReceivedMessages()).isEmpty();

        deliveries.runDue();

        MimeMessage[] received = smtp.getReceivedMessagesForDomain("remote.example");
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Out");
        assertThat(received[0].getFrom()[0].toString()).contains(ana.address());
        assertThat(queued()).isZero();
    }

    @Test
    void localAndRemoteRecipientsShouldEachGetTheMessageOnce() throws Exception {
        send("From: " + ana.address() + "\r\nTo: " + bo.address()
                + ", dee@remote.example\r\nSubject: Both\r\n\r\nx\r\n");
        deliveries.runDue();
        deliveries.runDue();

        long inbox = mailboxes.systemFolder(bo.id(), SystemFolder.INBOX).id();
        assertThat(mailboxes.messages(bo.id(), inbox, 0, 10)).hasSize(1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void linesStartingWithADotShouldArriveIntact() throws Exception {
        send("From: " + ana.address() + "\r\nTo: dee@remote.example\r\nSubject: Dots\r\n\r\n"
                + "before\r\n.\r\n..\r\n.hidden\r\nafter\r\n");
        deliveries.runDue();

        assertThat(raw(smtp.getReceivedMessages()[0])).contains("\r\n\r\nbefore\r\n.\r\n..\r\n.hidden\r\nafter");
    }

    @Test
    void bareLineFeedDotShouldNeitherEndNorSplitTheMessage() throws Exception {
        send("From: " + ana.address() + "\r\nTo: dee@remote.example\r\nSubject: Smuggle\r\n\r\n"
                + "first\n.\nMAIL FROM:<evil@example.org>\nRCPT TO:<victim@remote.example>\nDATA\nlast line\n");
        deliveries.runDue();

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(raw(received[0]))
                .contains("first\r\n.\r\nMAIL FROM:<evil@example.org>\r\nRCPT TO:<victim@remote.example>\r\n")
                .contains("last line");
        assertThat(smtp.getReceivedMessagesForDomain("example.org")).isEmpty();
    }

    @Test
    void bccRecipientShouldReceiveButNoCopyShouldShowIt() throws Exception {
        send("From: " + ana.address() + "\r\nTo: dee@remote.example\r\nBcc: eve@hidden.example\r\n"
                + "Subject: Quiet\r\n\r\nx\r\n");
        deliveries.runDue();

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(smtp.getUserManager().getUserByEmail("eve@hidden.example")).isNotNull();
        for (MimeMessage message : received) {
            assertThat(raw(message)).doesNotContainIgnoringCase("bcc").doesNotContain("eve@hidden.example");
        }
        List<MessageView> sent = mailboxes.messages(
                ana.id(),
                mailboxes.systemFolder(ana.id(), SystemFolder.SENT_ITEMS).id(),
                0,
                10);
        assertThat(new String(mailboxes.rawMime(ana.id(), sent.getFirst().id()), StandardCharsets.UTF_8))
                .contains("Bcc: eve@hidden.example");
    }

    @Test
    void smarthostPasswordShouldNeverBeLogged(CapturedOutput output) throws Exception {
        send("From: " + ana.address() + "\r\nTo: dee@remote.example\r\nSubject: Auth\r\n\r\nx\r\n");
        deliveries.runDue();

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(properties.smarthost().toString()).doesNotContain(PASSWORD);
        assertThat(output.getAll()).doesNotContain(PASSWORD);
        assertThat(Arrays.toString(smtp.getReceivedMessages()[0].getAllRecipients()))
                .contains("dee@remote.example");
    }
}
