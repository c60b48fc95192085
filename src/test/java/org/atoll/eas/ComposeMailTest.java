package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.NewAccount;
import org.atoll.account.Role;
import org.atoll.device.Devices;
import org.atoll.mailbox.ChangeKind;
import org.atoll.mailbox.JournalEntry;
import org.atoll.mailbox.JournalPosition;
import org.atoll.mailbox.LastVerb;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SendMail, SmartReply and SmartForward (MS-ASCMD 2.2.1.17, 2.2.1.20, 2.2.1.19) over real HTTP and WBXML, delivered
 * to local accounts through the real store. Status values are those of MS-ASCMD 2.2.2 (Common Status Codes), which
 * MS-ASCMD 2.2.3.177.14 and 2.2.3.177.16 refer to.
 */
@AtollTest
class ComposeMailTest {

    private static final CodePage C = CodePage.COMPOSE_MAIL;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    Devices devices;

    @Autowired
    JdbcClient jdbc;

    AccountView ana;
    AccountView bo;
    AccountView cy;
    EasDevice phone;

    @BeforeEach
    void accountsAndDevice() throws Exception {
        ana = TestAccounts.open(accounts, "ana");
        bo = TestAccounts.open(accounts, "bo");
        cy = TestAccounts.open(accounts, "cy");
        phone = new EasDevice(port, ana.address(), "correct horse battery", "AnaPhone").provision();
    }

    // ---- helpers

    static String mime(String from, String to, String subject, String body) {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + UUID.randomUUID() + "@phone>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + body + "\r\n";
    }

    static WbxmlElement sendMail(String clientId, String mime, boolean saveInSent) {
        WbxmlElement request = WbxmlElement.of(C, "SendMail").add("ClientId", clientId);
        if (saveInSent) {
            request.addEmpty("SaveInSentItems");
        }
        return request.add(WbxmlElement.opaque(C, "Mime", mime.getBytes(StandardCharsets.UTF_8)));
    }

    static WbxmlElement smart(String root, String clientId, String itemId, String mime, boolean replaceMime) {
        WbxmlElement request = WbxmlElement.of(C, root)
                .add("ClientId", clientId)
                .addEmpty("SaveInSentItems")
                .add(WbxmlElement.of(C, "Source").add("ItemId", itemId));
        if (replaceMime) {
            request.addEmpty("ReplaceMime");
        }
        return request.add(WbxmlElement.opaque(C, "Mime", mime.getBytes(StandardCharsets.UTF_8)));
    }

    /** Posts and returns the Status, or "empty" for the empty 200 that means success. */
    String post(String command, WbxmlElement body) throws Exception {
        return post(command, new WbxmlEncoder().encode(body));
    }

    String post(String command, byte[] body) throws Exception {
        HttpResponse<byte[]> response = phone.post(command, body);
        assertThat(response.statusCode()).isEqualTo(200);
        if (response.body().length == 0) {
            return "empty";
        }
        return new WbxmlDecoder().decode(response.body()).text("Status").orElseThrow();
    }

    List<MessageView> folder(AccountView account, SystemFolder role) {
        return mailboxes.messages(
                account.id(), mailboxes.systemFolder(account.id(), role).id(), 0, 50);
    }

    String raw(AccountView account, MessageView message) {
        return new String(mailboxes.rawMime(account.id(), message.id()), StandardCharsets.UTF_8);
    }

    MessageView received(AccountView account, String from, String subject, String body) {
        long inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        return mailboxes.deliver(
                account.id(),
                inbox,
                mime(from, account.address(), subject, body).getBytes(StandardCharsets.UTF_8),
                null);
    }

    static String serverId(MessageView message) {
        return message.folderId() + ":" + message.id();
    }

    @Nested
    class SendMail {

        @Test
        void messageShouldReachALocalRecipientsInboxAndTheSendersSentItems() throws Exception {
            String status =
                    post("SendMail", sendMail("c1", mime(ana.address(), bo.address(), "Lunch?", "At one."), true));

            assertThat(status).isEqualTo("empty");
            assertThat(folder(bo, SystemFolder.INBOX))
                    .extracting(MessageView::subject)
                    .containsExactly("Lunch?");
            List<MessageView> sent = folder(ana, SystemFolder.SENT_ITEMS);
            assertThat(sent).extracting(MessageView::subject).containsExactly("Lunch?");
            assertThat(sent.getFirst().read()).isTrue();
        }

        @Test
        void withoutSaveInSentItemsNoCopyShouldBeKept() throws Exception {
            post("SendMail", sendMail("c1", mime(ana.address(), bo.address(), "No copy", "x"), false));

            assertThat(folder(bo, SystemFolder.INBOX)).hasSize(1);
            assertThat(folder(ana, SystemFolder.SENT_ITEMS)).isEmpty();
        }

        @Test
        void retryWithTheSameClientIdShouldGet118AndSendNothingTwice() throws Exception {
            WbxmlElement request = sendMail("retry-1", mime(ana.address(), bo.address(), "Once", "x"), true);

            assertThat(post("SendMail", request)).isEqualTo("empty");
            assertThat(post("SendMail", request)).isEqualTo("118");

            assertThat(folder(bo, SystemFolder.INBOX)).hasSize(1);
            assertThat(folder(ana, SystemFolder.SENT_ITEMS)).hasSize(1);
        }

        @Test
        void theSameClientIdFromAnotherDeviceShouldBeSent() throws Exception {
            WbxmlElement request = sendMail("shared", mime(ana.address(), bo.address(), "Twice", "x"), false);
            EasDevice tablet = new EasDevice(port, ana.address(), "correct horse battery", "AnaTablet").provision();

            post("SendMail", request);
            HttpResponse<byte[]> second = tablet.post("SendMail", new WbxmlEncoder().encode(request));

            assertThat(second.body()).isEmpty();
            assertThat(folder(bo, SystemFolder.INBOX)).hasSize(2);
        }

        @Test
        void bccShouldReachItsRecipientButNoDeliveredCopyShouldShowIt() throws Exception {
            String message = "From: " + ana.address() + "\r\nTo: " + bo.address() + "\r\nBcc: " + cy.address()
                    + "\r\nSubject: Secret\r\n\r\nHush.\r\n";

            post("SendMail", sendMail("bcc", message, true));

            assertThat(raw(bo, folder(bo, SystemFolder.INBOX).getFirst()))
                    .doesNotContainIgnoringCase("bcc")
                    .doesNotContain(cy.address());
            assertThat(raw(cy, folder(cy, SystemFolder.INBOX).getFirst())).doesNotContainIgnoringCase("bcc:");
            assertThat(raw(ana, folder(ana, SystemFolder.SENT_ITEMS).getFirst()))
                    .contains("Bcc: " + cy.address());
        }

        @Test
        void fromAnotherAddressShouldBeRewrittenToTheAccount() throws Exception {
            post("SendMail", sendMail("spoof", mime("ceo@example.org", bo.address(), "Wire money", "now"), true));

            MessageView delivered = folder(bo, SystemFolder.INBOX).getFirst();
            assertThat(delivered.from()).contains(ana.address()).doesNotContain("ceo@example.org");
        }

        @Test
        void missingFromShouldBeFilledWithTheAccount() throws Exception {
            post("SendMail", sendMail("nofrom", "To: " + bo.address() + "\r\nSubject: Bare\r\n\r\nx\r\n", false));

            MessageView delivered = folder(bo, SystemFolder.INBOX).getFirst();
            assertThat(delivered.from()).contains(ana.address());
            assertThat(delivered.messageIdHeader()).isNotBlank();
        }

        @Test
        void bareLineFeedsShouldBeStoredAsCrLf() throws Exception {
            String message =
                    "From: " + ana.address() + "\nTo: " + bo.address() + "\nSubject: LF\n\nline one\nline two\n";

            post("SendMail", sendMail("lf", message, false));

            String stored = raw(bo, folder(bo, SystemFolder.INBOX).getFirst());
            assertThat(stored).contains("line one\r\nline two\r\n").doesNotContainPattern("[^\r]\n");
        }

        @Test
        void malformedWbxmlShouldGetStatus102() throws Exception {
            assertThat(post("SendMail", new byte[] {3, 1, 106, 0, 0, 21, 0x45, 0x7F}))
                    .isEqualTo("102");
        }

        @Test
        void missingClientIdShouldGetStatus103() throws Exception {
            WbxmlElement request = WbxmlElement.of(C, "SendMail")
                    .add(WbxmlElement.opaque(
                            C,
                            "Mime",
                            mime(ana.address(), bo.address(), "x", "x").getBytes()));

            assertThat(post("SendMail", request)).isEqualTo("103");
            assertThat(folder(bo, SystemFolder.INBOX)).isEmpty();
        }

        @Test
        void wrongRootElementShouldGetStatus103() throws Exception {
            assertThat(post("SendMail", WbxmlElement.of(C, "SmartReply").add("ClientId", "x")))
                    .isEqualTo("103");
        }

        @Test
        void emptyMimeShouldGetStatus107() throws Exception {
            WbxmlElement request =
                    WbxmlElement.of(C, "SendMail").add("ClientId", "empty").addEmpty("Mime");

            assertThat(post("SendMail", request)).isEqualTo("107");
        }

        @Test
        void messageWithoutRecipientsShouldGetStatus119() throws Exception {
            assertThat(post("SendMail", sendMail("norcpt", "Subject: To nobody\r\n\r\nx\r\n", true)))
                    .isEqualTo("119");
            assertThat(folder(ana, SystemFolder.SENT_ITEMS)).isEmpty();
        }

        @Test
        void recipientCarryingALineBreakShouldGetStatus116AndSendNothing() throws Exception {
            String message = "From: " + ana.address() + "\r\nTo: \"x\r\n RCPT TO:<evil@example.org>\"@example.org, "
                    + bo.address() + "\r\nSubject: Inject\r\n\r\nx\r\n";

            assertThat(post("SendMail", sendMail("inject", message, true))).isEqualTo("116");
            assertThat(folder(bo, SystemFolder.INBOX)).isEmpty();
            assertThat(jdbc.sql("SELECT count(*) FROM outbound_message WHERE account_id = ?")
                            .param(ana.id())
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void sentCopyBeyondTheQuotaShouldGetStatus113AndSendNothing() throws Exception {
            AccountView small = accounts.create(
                    new NewAccount(TestAccounts.uniqueAddress("small"), null, "correct horse battery", Role.USER, 20L));
            EasDevice device = new EasDevice(port, small.address(), "correct horse battery", "SmallOne").provision();
            byte[] request = new WbxmlEncoder()
                    .encode(sendMail("quota", mime(small.address(), bo.address(), "Too big", "x".repeat(100)), true));

            HttpResponse<byte[]> response = device.post("SendMail", request);

            assertThat(new WbxmlDecoder().decode(response.body()).text("Status"))
                    .hasValue("113");
            assertThat(folder(bo, SystemFolder.INBOX)).isEmpty();
        }

        @Test
        void foreignAccountIdShouldGetStatus166() throws Exception {
            WbxmlElement request = sendMail("acct", mime(ana.address(), bo.address(), "x", "x"), false)
                    .add("AccountId", "other");

            assertThat(post("SendMail", request)).isEqualTo("166");
        }

        @Test
        void protocol121ShouldSendRawMimeWithSaveInSentFromTheQuery() throws Exception {
            EasDevice old = new EasDevice(port, ana.address(), "correct horse battery", "OldPhone", "12.1").provision();
            byte[] message = mime(ana.address(), bo.address(), "From 12.1", "x").getBytes(StandardCharsets.UTF_8);

            HttpResponse<byte[]> response = old.post("SendMail", "&SaveInSent=T", "message/rfc822", message);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEmpty();
            assertThat(folder(bo, SystemFolder.INBOX))
                    .extracting(MessageView::subject)
                    .containsExactly("From 12.1");
            assertThat(folder(ana, SystemFolder.SENT_ITEMS)).hasSize(1);
        }

        @Test
        void protocol121WithoutRecipientsShouldGetHttp400() throws Exception {
            EasDevice old = new EasDevice(port, ana.address(), "correct horse battery", "OldPhone", "12.1").provision();

            HttpResponse<byte[]> response =
                    old.post("SendMail", "", "message/rfc822", "Subject: x\r\n\r\nx\r\n".getBytes());

            assertThat(response.statusCode()).isEqualTo(400);
        }
    }

    @Nested
    class SmartReply {

        @Test
        void replyShouldQuoteTheOriginalAndMarkItRepliedForTheDevice() throws Exception {
            MessageView original = received(ana, bo.address(), "Plans", "Shall we meet?\r\nOn Friday.");
            long before = mailboxes.highestModseq(ana.id());

            String status = post(
                    "SmartReply",
                    smart(
                            "SmartReply",
                            "r1",
                            serverId(original),
                            mime(ana.address(), bo.address(), "Re: Plans", "Yes."),
                            false));

            assertThat(status).isEqualTo("empty");
            String delivered = raw(bo, folder(bo, SystemFolder.INBOX).getFirst());
            assertThat(delivered)
                    .contains("Yes.")
                    .contains("> Shall we meet?\r\n> On Friday.")
                    .contains("Subject: Plans");
            MessageView marked = mailboxes.message(ana.id(), original.id());
            assertThat(marked.lastVerb()).isEqualTo(LastVerb.REPLY_TO_SENDER);
            assertThat(marked.lastVerbAt()).isNotNull();
            long devicePk = devices.find(ana.id(), "AnaPhone").orElseThrow().id();
            List<JournalEntry> changes = mailboxes
                    .changes(ana.id(), original.folderId(), JournalPosition.afterModseq(before), 100)
                    .entries();
            assertThat(changes)
                    .filteredOn(e -> e.kind() == ChangeKind.MESSAGE_CHANGED)
                    .extracting(JournalEntry::originDevice)
                    .containsExactly(devicePk);
            assertThat(folder(ana, SystemFolder.SENT_ITEMS))
                    .extracting(MessageView::subject)
                    .containsExactly("Re: Plans");
        }

        @Test
        void replyToMoreThanTheSenderShouldCountAsReplyToAll() throws Exception {
            MessageView original = received(ana, bo.address(), "Team", "Hi all");

            post(
                    "SmartReply",
                    smart(
                            "SmartReply",
                            "r2",
                            serverId(original),
                            mime(ana.address(), bo.address() + ", " + cy.address(), "Re: Team", "Hello"),
                            false));

            assertThat(mailboxes.message(ana.id(), original.id()).lastVerb()).isEqualTo(LastVerb.REPLY_TO_ALL);
            assertThat(folder(cy, SystemFolder.INBOX)).hasSize(1);
        }

        @Test
        void replaceMimeShouldSendTheDevicesMessageAsIs() throws Exception {
            MessageView original = received(ana, bo.address(), "Plans", "Shall we meet?");

            post(
                    "SmartReply",
                    smart(
                            "SmartReply",
                            "r3",
                            serverId(original),
                            mime(ana.address(), bo.address(), "Re: Plans", "Yes, quoting myself."),
                            true));

            assertThat(raw(bo, folder(bo, SystemFolder.INBOX).getFirst()))
                    .contains("Yes, quoting myself.")
                    .doesNotContain("Shall we meet?");
            assertThat(mailboxes.message(ana.id(), original.id()).lastVerb()).isEqualTo(LastVerb.REPLY_TO_SENDER);
        }

        @Test
        void unknownItemShouldGetStatus150AndSendNothing() throws Exception {
            MessageView original = received(ana, bo.address(), "Plans", "x");

            assertThat(post(
                            "SmartReply",
                            smart(
                                    "SmartReply",
                                    "r4",
                                    original.folderId() + ":999999999",
                                    mime(ana.address(), bo.address(), "Re", "x"),
                                    false)))
                    .isEqualTo("150");
            assertThat(post(
                            "SmartReply",
                            smart(
                                    "SmartReply",
                                    "r5",
                                    "not-a-server-id",
                                    mime(ana.address(), bo.address(), "Re", "x"),
                                    false)))
                    .isEqualTo("150");
            assertThat(folder(bo, SystemFolder.INBOX)).isEmpty();
        }

        @Test
        void anotherAccountsMessageShouldGetStatus150() throws Exception {
            MessageView bosOwn = received(bo, cy.address(), "Private", "x");

            assertThat(post(
                            "SmartReply",
                            smart(
                                    "SmartReply",
                                    "r6",
                                    serverId(bosOwn),
                                    mime(ana.address(), cy.address(), "Re", "x"),
                                    false)))
                    .isEqualTo("150");
        }

        @Test
        void missingSourceShouldGetStatus103() throws Exception {
            WbxmlElement request = WbxmlElement.of(C, "SmartReply")
                    .add("ClientId", "r7")
                    .add(WbxmlElement.opaque(
                            C,
                            "Mime",
                            mime(ana.address(), bo.address(), "Re", "x").getBytes()));

            assertThat(post("SmartReply", request)).isEqualTo("103");
        }

        @Test
        void subjectWithAnEncodedLineBreakShouldNotBecomeAHeader() throws Exception {
            MessageView original = received(ana, bo.address(), "=?utf-8?Q?Hi=0D=0ABcc:_evil@example.org?=", "x");

            post(
                    "SmartReply",
                    smart(
                            "SmartReply",
                            "r8",
                            serverId(original),
                            mime(ana.address(), bo.address(), "Re: Hi", "Answer"),
                            false));

            String delivered = raw(bo, folder(bo, SystemFolder.INBOX).getFirst());
            assertThat(delivered).doesNotContain("\r\nBcc:").contains("Subject: Hi");
        }

        @Test
        void protocol121ShouldReplyByItemIdAndCollectionIdInTheQuery() throws Exception {
            MessageView original = received(ana, bo.address(), "Old style", "Original text");
            EasDevice old = new EasDevice(port, ana.address(), "correct horse battery", "OldPhone", "12.1").provision();

            HttpResponse<byte[]> response = old.post(
                    "SmartReply",
                    "&SaveInSent=T&ItemId=" + serverId(original) + "&CollectionId=" + original.folderId(),
                    "message/rfc822",
                    mime(ana.address(), bo.address(), "Re: Old style", "Reply").getBytes(StandardCharsets.UTF_8));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(raw(bo, folder(bo, SystemFolder.INBOX).getFirst())).contains("> Original text");
            assertThat(mailboxes.message(ana.id(), original.id()).lastVerb()).isEqualTo(LastVerb.REPLY_TO_SENDER);
        }
    }

    @Nested
    class SmartForward {

        @Test
        void forwardShouldCarryTheOriginalsTextAndAttachments() throws Exception {
            String withAttachment = "From: " + bo.address() + "\r\nTo: " + ana.address() + "\r\nSubject: Report\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                    + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee the figures.\r\n"
                    + "--b1\r\nContent-Type: application/pdf; name=\"q3.pdf\"\r\n"
                    + "Content-Disposition: attachment; filename=\"q3.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + "JVBERi0xLjQK\r\n--b1--\r\n";
            long inbox = mailboxes.systemFolder(ana.id(), SystemFolder.INBOX).id();
            MessageView original =
                    mailboxes.deliver(ana.id(), inbox, withAttachment.getBytes(StandardCharsets.UTF_8), null);

            String status = post(
                    "SmartForward",
                    smart(
                            "SmartForward",
                            "f1",
                            serverId(original),
                            mime(ana.address(), cy.address(), "Fwd: Report", "FYI"),
                            false));

            assertThat(status).isEqualTo("empty");
            MessageView forwarded = folder(cy, SystemFolder.INBOX).getFirst();
            assertThat(forwarded.attachments()).extracting(a -> a.fileName()).containsExactly("q3.pdf");
            assertThat(raw(cy, forwarded)).contains("FYI").contains("See the figures.");
            assertThat(mailboxes.message(ana.id(), original.id()).lastVerb()).isEqualTo(LastVerb.FORWARD);
        }

        @Test
        void htmlForwardShouldCarryTheOriginalInItsHtml() throws Exception {
            MessageView original = received(ana, bo.address(), "Note", "Plain <original>");
            String html = "From: " + ana.address() + "\r\nTo: " + cy.address() + "\r\nSubject: Fwd: Note\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                    + "<html><body><p>Look</p></body></html>\r\n";

            post("SmartForward", smart("SmartForward", "f2", serverId(original), html, false));

            String delivered = raw(cy, folder(cy, SystemFolder.INBOX).getFirst());
            assertThat(delivered).contains("<p>Look</p><hr>").contains("Plain &lt;original&gt;");
        }
    }
}
