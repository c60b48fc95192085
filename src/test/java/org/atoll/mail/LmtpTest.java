package org.atoll.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.NewAccount;
import org.atoll.account.Role;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.LmtpClient;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** LMTP (RFC 2033) over a real socket on 127.0.0.1, as Postfix speaks it, into the real store. */
@AtollTest
class LmtpTest {

    @Autowired
    LmtpServer server;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    AccountView ana;
    AccountView bo;
    LmtpClient lmtp;

    @BeforeEach
    void connect() throws Exception {
        ana = TestAccounts.open(accounts, "ana");
        bo = TestAccounts.open(accounts, "bo");
        lmtp = new LmtpClient(server.port());
        assertThat(lmtp.reply()).startsWith("220 ");
        assertThat(lmtp.command("LHLO mta.example.org")).contains("250 SIZE").contains("ENHANCEDSTATUSCODES");
    }

    @AfterEach
    void close() throws Exception {
        lmtp.close();
    }

    List<MessageView> inbox(AccountView account) {
        return mailboxes.messages(
                account.id(),
                mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id(),
                0,
                10);
    }

    String body(AccountView account, MessageView message) {
        return new String(mailboxes.rawMime(account.id(), message.id()), StandardCharsets.UTF_8);
    }

    static String message(String subject, String body) {
        return "From: sender@example.org\r\nTo: someone@atoll.test\r\nSubject: " + subject + "\r\n\r\n" + body;
    }

    @Test
    void messageShouldLandInEveryRecipientsInboxWithOneReplyEach() throws Exception {
        List<String> replies =
                lmtp.deliver("sender@example.org", List.of(ana.address(), bo.address()), message("Hello both", "Hi."));

        assertThat(replies).hasSize(2).allMatch(r -> r.startsWith("250 2.0.0"));
        assertThat(inbox(ana)).extracting(MessageView::subject).containsExactly("Hello both");
        assertThat(inbox(bo)).extracting(MessageView::subject).containsExactly("Hello both");
        assertThat(body(ana, inbox(ana).getFirst())).startsWith("Return-Path: <sender@example.org>\r\n");
    }

    @Test
    void unknownRecipientShouldGet550AndTheOthersStillReceive() throws Exception {
        assertThat(lmtp.command("MAIL FROM:<sender@example.org>")).startsWith("250");
        assertThat(lmtp.command("RCPT TO:<nobody-" + System.nanoTime() + "@atoll.test>"))
                .startsWith("550 5.1.1");
        assertThat(lmtp.command("RCPT TO:<" + ana.address() + ">")).startsWith("250 2.1.5");
        assertThat(lmtp.command("DATA")).startsWith("354");

        assertThat(lmtp.data((message("Partly", "x") + "\r\n.\r\n").getBytes(StandardCharsets.UTF_8), 1))
                .containsExactly("250 2.0.0 Delivered");
        assertThat(inbox(ana)).hasSize(1);
    }

    @Test
    void fullMailboxShouldGet552ForThatRecipientOnlyInRcptOrder() throws Exception {
        AccountView full = accounts.create(
                new NewAccount(TestAccounts.uniqueAddress("full"), null, "correct horse battery", Role.USER, 10L));

        List<String> replies =
                lmtp.deliver("sender@example.org", List.of(full.address(), ana.address()), message("Quota", "x"));

        assertThat(replies).hasSize(2);
        assertThat(replies.get(0)).startsWith("552 5.2.2");
        assertThat(replies.get(1)).startsWith("250 2.0.0");
        assertThat(inbox(full)).isEmpty();
    }

    @Test
    void declaredSizeAboveTheLimitShouldGet552AtMail() throws Exception {
        assertThat(lmtp.command("MAIL FROM:<sender@example.org> SIZE=999999999999"))
                .startsWith("552 5.3.4");
    }

    @Test
    void dataAboveTheLimitShouldGet552PerRecipientAndStoreNothing() throws Exception {
        String big = "x".repeat(998) + "\r\n";
        List<String> replies =
                lmtp.deliver("sender@example.org", List.of(ana.address()), message("Big", big.repeat(1100)));

        assertThat(replies).containsExactly("552 5.3.4 Message too big; the limit is 1048576 bytes");
        assertThat(inbox(ana)).isEmpty();
        assertThat(lmtp.command("NOOP")).startsWith("250");
    }

    @Test
    void dotStuffedLinesShouldBeUnstuffed() throws Exception {
        lmtp.deliver("sender@example.org", List.of(ana.address()), message("Dots", "..leading dot\r\n...\r\nend"));

        assertThat(body(ana, inbox(ana).getFirst())).endsWith("\r\n\r\n.leading dot\r\n..\r\nend\r\n");
    }

    @Test
    void dotAfterBareLineFeedShouldNotEndTheMessage() throws Exception {
        List<String> replies = lmtp.deliver(
                "sender@example.org",
                List.of(ana.address()),
                message("Smuggle", "first\n.\r\nMAIL FROM:<evil@example.org>\r\nstill the body"));

        assertThat(replies).containsExactly("250 2.0.0 Delivered");
        assertThat(inbox(ana)).hasSize(1);
        assertThat(body(ana, inbox(ana).getFirst())).contains("MAIL FROM:<evil@example.org>\r\nstill the body");
    }

    @Test
    void heloAndEhloShouldGet500AsRfc2033Asks() throws Exception {
        assertThat(lmtp.command("HELO mta")).startsWith("500");
        assertThat(lmtp.command("EHLO mta")).startsWith("500");
    }

    @Test
    void dataWithoutRecipientsShouldGet503() throws Exception {
        lmtp.command("MAIL FROM:<sender@example.org>");
        assertThat(lmtp.command("DATA")).startsWith("503");
    }

    @Test
    void overlongCommandLineShouldGet500AndTheSessionGoesOn() throws Exception {
        assertThat(lmtp.command("NOOP " + "a".repeat(LmtpSession.MAX_LINE * 2))).startsWith("500 5.5.2");
        assertThat(lmtp.command("NOOP")).startsWith("250");
    }

    @Test
    void recipientWithBrokenSyntaxShouldGet501() throws Exception {
        lmtp.command("MAIL FROM:<>");
        assertThat(lmtp.command("RCPT TO:<a b@atoll.test>")).startsWith("501");
        assertThat(lmtp.command("RCPT TO:" + ana.address())).startsWith("501");
    }

    @Test
    void duplicateRecipientShouldGetTwoRepliesAndOneCopy() throws Exception {
        List<String> replies =
                lmtp.deliver("sender@example.org", List.of(ana.address(), ana.address()), message("Twice", "x"));

        assertThat(replies).hasSize(2).allMatch(r -> r.startsWith("250"));
        assertThat(inbox(ana)).hasSize(1);
    }
}
