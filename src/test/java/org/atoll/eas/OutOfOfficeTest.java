package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mail.Deliveries;
import org.atoll.mail.LmtpServer;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.LmtpClient;
import org.atoll.support.Smarthost;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Out of Office end to end: set through ActiveSync Settings (MS-ASCMD 2.2.3.119 Oof), mail arriving by LMTP, and
 * the automatic replies Atoll sends through its smarthost (GreenMail on 127.0.0.1) or into a local Inbox (RFC 3834).
 */
@AtollTest
class OutOfOfficeTest {

    private static final CodePage S = CodePage.SETTINGS;

    static final Smarthost smtp = Smarthost.started();

    @DynamicPropertySource
    static void smarthost(DynamicPropertyRegistry registry) {
        smtp.register(registry, "target/test-data-out-of-office");
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

    AccountView ana;
    EasDevice phone;
    LmtpClient mta;
    String external;

    @BeforeEach
    void away() throws Exception {
        smtp.purge();
        ana = TestAccounts.open(accounts, "away");
        phone = new EasDevice(port, ana.address(), "correct horse battery", "OofPhone").provision();
        external = "ext-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        mta = new LmtpClient(lmtp.port());
        mta.reply();
        mta.command("LHLO mta.example.org");
    }

    @AfterEach
    void close() throws Exception {
        mta.close();
    }

    WbxmlElement settings(WbxmlElement oof) throws Exception {
        WbxmlElement response =
                phone.send("Settings", WbxmlElement.of(S, "Settings").add(oof));
        assertThat(response.text("Status")).hasValue("1");
        return response.child(S, "Oof").orElseThrow();
    }

    static WbxmlElement message(String audience, boolean enabled, String text) {
        return WbxmlElement.of(S, "OofMessage")
                .addEmpty(audience)
                .add("Enabled", enabled ? "1" : "0")
                .add("ReplyMessage", text)
                .add("BodyType", "TEXT");
    }

    WbxmlElement setOn() throws Exception {
        return settings(WbxmlElement.of(S, "Oof")
                .add(WbxmlElement.of(S, "Set")
                        .add("OofState", "1")
                        .add(message("AppliesToInternal", true, "Away, back Monday (colleagues)."))
                        .add(message("AppliesToExternalKnown", true, "Away, back Monday."))
                        .add(message("AppliesToExternalUnknown", true, "I am away."))));
    }

    void deliver(String from, String headers) throws Exception {
        String raw = "From: <" + from + ">\r\nTo: <" + ana.address() + ">\r\nSubject: Question\r\n" + "Message-ID: <"
                + UUID.randomUUID() + "@sender.example>\r\n" + headers + "\r\nHello?\r\n";
        assertThat(mta.deliver(from, List.of(ana.address()), raw)).allMatch(reply -> reply.startsWith("250"));
    }

    List<MimeMessage> repliesTo(String address) throws Exception {
        deliveries.runDue();
        return smtp.receivedBy(address);
    }

    @Test
    void setShouldBeReadBackByGetWithEveryAudience_MsAscmd_2_2_3_119() throws Exception {
        assertThat(setOn().text("Status")).hasValue("1");

        WbxmlElement get = settings(
                        WbxmlElement.of(S, "Oof").add(WbxmlElement.of(S, "Get").add("BodyType", "Text")))
                .child(S, "Get")
                .orElseThrow();

        assertThat(get.text("OofState")).hasValue("1");
        assertThat(get.children(S, "OofMessage"))
                .extracting(m -> m.text("ReplyMessage").orElse(""))
                .containsExactly("Away, back Monday (colleagues).", "Away, back Monday.", "I am away.");
        assertThat(get.children(S, "OofMessage").getFirst().child(S, "AppliesToInternal"))
                .isPresent();
    }

    @Test
    void aScheduleWithoutItsEndShouldBeRefusedWithStatus2() throws Exception {
        WbxmlElement answer = settings(WbxmlElement.of(S, "Oof")
                .add(WbxmlElement.of(S, "Set").add("OofState", "2").add("StartTime", "2026-12-01T00:00:00.000Z")));

        assertThat(answer.text("Status")).hasValue("2");
    }

    @Test
    void anExternalSenderWritingTwiceShouldGetExactlyOneReply_Rfc3834() throws Exception {
        setOn();
        String sender = "dee@" + external;

        deliver(sender, "");
        deliver(sender, "");

        List<MimeMessage> replies = repliesTo(sender);
        assertThat(replies).hasSize(1);
        MimeMessage reply = replies.getFirst();
        assertThat(reply.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        assertThat(reply.getHeader("In-Reply-To")).singleElement().asString().endsWith("@sender.example>");
        assertThat(reply.getHeader("References")).isNotNull();
        assertThat(reply.getSubject()).isEqualTo("Automatic reply: Question");
        assertThat(reply.getFrom()[0].toString()).contains(ana.address());
        assertThat(((String) reply.getContent()).strip()).isEqualTo("I am away.");
    }

    @Test
    void listsAutomaticMailAndMailerDaemonsShouldGetNoReply() throws Exception {
        setOn();

        deliver("news@" + external, "List-Id: <news.list.example>\r\n");
        deliver("bulk@" + external, "Precedence: bulk\r\n");
        deliver("robot@" + external, "Auto-Submitted: auto-generated\r\n");
        deliver("MAILER-DAEMON@" + external, "");
        deliver("", "");

        deliveries.runDue();
        assertThat(smtp.received()).isEmpty();
    }

    @Test
    void aKnownExternalSenderShouldGetTheKnownReplyAndAnInternalOneTheInternalReply() throws Exception {
        setOn();
        String known = "kim@" + external;
        mailboxes.deliver(
                ana.id(),
                SystemFolder.SENT_ITEMS,
                ("From: " + ana.address() + "\r\nTo: Kim <" + known + ">\r\nSubject: Hi\r\n\r\nHi Kim\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                null,
                true);
        AccountView colleague = TestAccounts.open(accounts, "colleague");

        deliver(known, "");
        deliver(colleague.address(), "");

        assertThat(((String) repliesTo(known).getFirst().getContent()).strip()).isEqualTo("Away, back Monday.");
        List<MessageView> colleagueInbox = mailboxes.messages(
                colleague.id(),
                mailboxes.systemFolder(colleague.id(), SystemFolder.INBOX).id(),
                0,
                10);
        assertThat(colleagueInbox).extracting(MessageView::subject).containsExactly("Automatic reply: Question");
        assertThat(colleagueInbox.getFirst().preview()).contains("colleagues");
    }

    @Test
    void afterOofIsTurnedOffNoReplyShouldGoOut() throws Exception {
        setOn();
        settings(WbxmlElement.of(S, "Oof").add(WbxmlElement.of(S, "Set").add("OofState", "0")));

        deliver("late@" + external, "");

        assertThat(repliesTo("late@" + external)).isEmpty();
    }
}
