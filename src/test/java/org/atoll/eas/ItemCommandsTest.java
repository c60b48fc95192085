package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.MailClient.A;
import static org.atoll.support.MailClient.collection;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mailbox.Attachment;
import org.atoll.mailbox.Flag;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** GetItemEstimate, MoveItems and ItemOperations (MS-ASCMD 2.2.1.9, 2.2.1.12, 2.2.1.10) over HTTP and WBXML. */
@AtollTest
class ItemCommandsTest {

    /** The protocol version the test's devices speak; a subclass runs the same tests at another. */
    String protocolVersion() {
        return "14.1";
    }

    private static final CodePage G = CodePage.GET_ITEM_ESTIMATE;
    private static final CodePage M = CodePage.MOVE;
    private static final CodePage I = CodePage.ITEM_OPERATIONS;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;

    private static final String WITH_ATTACHMENT = """
            From: Ann <ann@example.org>\r
            To: Bob <bob@example.org>\r
            Subject: Report\r
            Message-ID: <report@example.org>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Here is the report.\r
            --b1\r
            Content-Type: application/octet-stream; name="report.bin"\r
            Content-Disposition: attachment; filename="report.bin"\r
            Content-Transfer-Encoding: base64\r
            \r
            MDEyMzQ1Njc4OWFiY2RlZg==\r
            --b1--\r
            """;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    AccountView account;
    long inbox;
    long archive;
    MailClient phone;

    @BeforeEach
    void account() throws Exception {
        account = TestAccounts.open(accounts, "items");
        inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        archive = mailboxes
                .createFolder(account.id(), null, "Archive", FolderType.USER_MAIL)
                .id();
        phone = new MailClient(
                new EasDevice(port, account.address(), "correct horse battery", "ItemsPhone", protocolVersion())
                        .provision());
    }

    MessageView deliver(String subject) {
        return mailboxes.deliver(account.id(), inbox, Mime.message(subject), null);
    }

    @Nested
    class GetItemEstimate {

        WbxmlElement estimate(long folderId, String syncKey) throws Exception {
            return phone.device()
                    .send(
                            "GetItemEstimate",
                            WbxmlElement.of(G, "GetItemEstimate")
                                    .add(WbxmlElement.of(G, "Collections")
                                            .add(WbxmlElement.of(G, "Collection")
                                                    .add(A, "SyncKey", syncKey)
                                                    .add("CollectionId", Long.toString(folderId)))))
                    .child("Response")
                    .orElseThrow();
        }

        @Test
        void shouldCountWhatTheNextSyncBringsWithoutChangingIt() throws Exception {
            deliver("One");
            deliver("Two");
            phone.syncFully(inbox, 10);
            deliver("Three");
            deliver("Four");
            deliver("Five");

            WbxmlElement response = estimate(inbox, phone.key(inbox));

            assertThat(response.text("Status")).hasValue("1");
            assertThat(response.child("Collection").orElseThrow().text("Estimate"))
                    .hasValue("3");
            WbxmlElement synced = phone.syncOnce(inbox, c -> {});
            assertThat(synced.child("Commands").orElseThrow().children("Add")).hasSize(3);
        }

        @Test
        void collectionNeverSyncedShouldGetStatus3AndBadKeyStatus4AndUnknownFolderStatus2() throws Exception {
            assertThat(estimate(inbox, "0").text("Status")).hasValue("3");
            phone.syncFully(inbox, 10);
            assertThat(estimate(inbox, "424242").text("Status")).hasValue("4");
            assertThat(estimate(987_654_321L, "1").text("Status")).hasValue("2");
        }
    }

    @Nested
    class MoveItems {

        WbxmlElement move(String source, long from, long to) throws Exception {
            return phone.device()
                    .send(
                            "MoveItems",
                            WbxmlElement.of(M, "MoveItems")
                                    .add(WbxmlElement.of(M, "Move")
                                            .add("SrcMsgId", source)
                                            .add("SrcFldId", Long.toString(from))
                                            .add("DstFldId", Long.toString(to))))
                    .child("Response")
                    .orElseThrow();
        }

        @Test
        void resentMoveShouldAnswerAsTheFirstAndLeaveTheMessageInOneFolder() throws Exception {
            MessageView message = deliver("Moving");
            String source = inbox + ":" + message.id();

            WbxmlElement first = move(source, inbox, archive);
            WbxmlElement again = move(source, inbox, archive);

            assertThat(first.text("Status")).hasValue("3");
            assertThat(first.text("DstMsgId")).hasValue(archive + ":" + message.id());
            assertThat(again.text("Status")).isEqualTo(first.text("Status"));
            assertThat(again.text("DstMsgId")).isEqualTo(first.text("DstMsgId"));
            assertThat(mailboxes.count(account.id(), inbox)).isZero();
            assertThat(mailboxes.count(account.id(), archive)).isEqualTo(1);
        }

        /**
         * The device moves a message that someone else flagged after the device's last Sync of its folder: the
         * device's copy in the target is the unflagged one, so the target's next Sync brings the flag. A message
         * nobody changed comes back with nothing, since the device made the move itself.
         */
        @Test
        void moveOfAMessageChangedMeanwhileShouldBringTheChangeWithTheTargetsNextSync() throws Exception {
            MessageView flagged = deliver("Flagged elsewhere");
            MessageView untouched = deliver("Nobody touched");
            phone.syncFully(inbox, 10);
            phone.syncFully(archive, 10);
            mailboxes.setFlag(account.id(), List.of(flagged.id()), Flag.active(null, null));

            List<String> moved =
                    phone.move(inbox, archive, List.of(inbox + ":" + flagged.id(), inbox + ":" + untouched.id()));
            assertThat(phone.items(archive).get(moved.getFirst()).flagStatus()).isEqualTo("0");
            WbxmlElement synced = phone.syncOnce(archive, c -> {});

            assertThat(synced.child("Commands").map(WbxmlElement::children).orElse(List.of()))
                    .extracting(command ->
                            command.name() + " " + command.text("ServerId").orElse(""))
                    .containsExactly("Change " + moved.getFirst());
            assertThat(phone.items(archive).get(moved.getFirst()).flagStatus()).isEqualTo("2");
            assertThat(phone.items(archive).get(moved.getLast()).flagStatus()).isEqualTo("0");
        }

        @Test
        void statusesShouldNameWhatIsWrong_2_2_3_177_9() throws Exception {
            MessageView message = deliver("Stays");
            String source = inbox + ":" + message.id();

            assertThat(move(inbox + ":999999999", inbox, archive).text("Status"))
                    .hasValue("1");
            assertThat(move(source, inbox, 987_654_321L).text("Status")).hasValue("2");
            assertThat(move(source, inbox, inbox).text("Status")).hasValue("4");
            assertThat(move("nonsense", inbox, archive).text("Status")).hasValue("1");
            assertThat(mailboxes.message(account.id(), message.id()).folderId()).isEqualTo(inbox);
        }

        @Test
        void anotherAccountsFolderShouldBeInvalid() throws Exception {
            AccountView other = TestAccounts.open(accounts, "other");
            long theirs = mailboxes.systemFolder(other.id(), SystemFolder.INBOX).id();
            MessageView message = deliver("Mine");

            assertThat(move(inbox + ":" + message.id(), inbox, theirs).text("Status"))
                    .hasValue("2");
            assertThat(mailboxes.message(account.id(), message.id()).folderId()).isEqualTo(inbox);
        }
    }

    @Nested
    class ItemOperations {

        WbxmlElement operations(WbxmlElement operation) throws Exception {
            WbxmlElement response = phone.device()
                    .send("ItemOperations", WbxmlElement.of(I, "ItemOperations").add(operation));
            assertThat(response.text("Status")).hasValue("1");
            return response.child("Response").orElseThrow().children().getFirst();
        }

        WbxmlElement fetchAttachment(String reference, String range) {
            WbxmlElement fetch =
                    WbxmlElement.of(I, "Fetch").add("Store", "Mailbox").add(BASE, "FileReference", reference);
            if (range != null) {
                fetch.add(WbxmlElement.of(I, "Options").add("Range", range));
            }
            return fetch;
        }

        @Test
        void fetchOfAnItemShouldCarryItsBodyAsAsked() throws Exception {
            MessageView message = deliver("Fetched");

            WbxmlElement fetch = operations(WbxmlElement.of(I, "Fetch")
                    .add("Store", "Mailbox")
                    .add(A, "CollectionId", Long.toString(inbox))
                    .add(A, "ServerId", inbox + ":" + message.id())
                    .add(WbxmlElement.of(I, "Options")
                            .add(WbxmlElement.of(BASE, "BodyPreference").add("Type", "4"))));

            assertThat(fetch.text("Status")).hasValue("1");
            WbxmlElement body =
                    fetch.child("Properties").orElseThrow().child(BASE, "Body").orElseThrow();
            assertThat(body.text("Type")).hasValue("4");
            assertThat(body.text("Data").orElseThrow()).contains("Subject: Fetched");
        }

        @Test
        void fetchOfAnAttachmentShouldReturnItsBytesWholeOrInARange() throws Exception {
            MessageView message =
                    mailboxes.deliver(account.id(), inbox, WITH_ATTACHMENT.getBytes(StandardCharsets.US_ASCII), null);
            Attachment attachment = message.attachments().getFirst();
            String reference = message.id() + ":" + attachment.partPath();

            WbxmlElement whole = operations(fetchAttachment(reference, null));
            WbxmlElement part = operations(fetchAttachment(reference, "4-7"));

            assertThat(whole.text("Status")).hasValue("1");
            WbxmlElement properties = whole.child("Properties").orElseThrow();
            assertThat(decoded(properties)).isEqualTo("0123456789abcdef");
            assertThat(properties.text("Total")).hasValue("16");
            WbxmlElement ranged = part.child("Properties").orElseThrow();
            assertThat(decoded(ranged)).isEqualTo("4567");
            assertThat(ranged.text("Range")).hasValue("4-7");
        }

        @Test
        void badReferencesAndRangesShouldGetTheirStatuses() throws Exception {
            MessageView message =
                    mailboxes.deliver(account.id(), inbox, WITH_ATTACHMENT.getBytes(StandardCharsets.US_ASCII), null);
            String reference =
                    message.id() + ":" + message.attachments().getFirst().partPath();

            assertThat(operations(fetchAttachment("../../etc/passwd", null)).text("Status"))
                    .hasValue("15");
            assertThat(operations(fetchAttachment(message.id() + ":9", null)).text("Status"))
                    .hasValue("15");
            assertThat(operations(fetchAttachment(reference, "100-200")).text("Status"))
                    .hasValue("8");
            assertThat(operations(fetchAttachment(reference, "7-3")).text("Status"))
                    .hasValue("8");
        }

        @Test
        void anotherAccountsItemsShouldNotBeFound() throws Exception {
            AccountView other = TestAccounts.open(accounts, "stranger");
            long theirInbox =
                    mailboxes.systemFolder(other.id(), SystemFolder.INBOX).id();
            MessageView theirs = mailboxes.deliver(
                    other.id(), theirInbox, WITH_ATTACHMENT.getBytes(StandardCharsets.US_ASCII), null);

            WbxmlElement item = operations(WbxmlElement.of(I, "Fetch")
                    .add("Store", "Mailbox")
                    .add(A, "CollectionId", Long.toString(theirInbox))
                    .add(A, "ServerId", theirInbox + ":" + theirs.id()));
            WbxmlElement attachment = operations(fetchAttachment(
                    theirs.id() + ":" + theirs.attachments().getFirst().partPath(), null));

            assertThat(item.text("Status")).hasValue("6");
            assertThat(attachment.text("Status")).hasValue("15");
        }

        @Test
        void emptyFolderContentsShouldEmptyTheFolderAndOtherDevicesSeeDeletes() throws Exception {
            deliver("Junk one");
            deliver("Junk two");
            MailClient tablet = new MailClient(
                    new EasDevice(port, account.address(), "correct horse battery", "ItemsTablet", protocolVersion())
                            .provision());
            tablet.syncFully(inbox, 10);

            WbxmlElement emptied =
                    operations(WbxmlElement.of(I, "EmptyFolderContents").add(A, "CollectionId", Long.toString(inbox)));

            assertThat(emptied.text("Status")).hasValue("1");
            assertThat(mailboxes.count(account.id(), inbox)).isZero();
            WbxmlElement synced = tablet.syncOnce(inbox, c -> {});
            assertThat(synced.child("Commands").orElseThrow().children("Delete"))
                    .hasSize(2);
            assertThat(tablet.items(inbox)).isEmpty();
        }

        @Test
        void moveOfAConversationShouldMoveEveryMessageOfIt() throws Exception {
            mailboxes.deliver(account.id(), inbox, Mime.message("Thread", "<t1@example.org>", null), null);
            mailboxes.deliver(
                    account.id(), inbox, Mime.message("Re: Thread", "<t2@example.org>", "<t1@example.org>"), null);
            deliver("Unrelated");
            phone.apply(inbox, collection(phone.sync(inbox, "0", c -> {})));
            WbxmlElement added = phone.syncOnce(inbox, c -> {});
            byte[] conversation = added.child("Commands").orElseThrow().children("Add").stream()
                    .map(add -> add.child("ApplicationData").orElseThrow())
                    .filter(data ->
                            data.text(CodePage.EMAIL, "Subject").orElse("").equals("Thread"))
                    .findFirst()
                    .orElseThrow()
                    .child(CodePage.EMAIL2, "ConversationId")
                    .orElseThrow()
                    .opaque()
                    .orElseThrow();

            WbxmlElement moved = operations(WbxmlElement.of(I, "Move")
                    .add(WbxmlElement.opaque(I, "ConversationId", conversation))
                    .add("DstFldId", Long.toString(archive)));

            assertThat(moved.text("Status")).hasValue("1");
            assertThat(mailboxes.messages(account.id(), archive, 0, 10))
                    .extracting(MessageView::subject)
                    .containsExactlyInAnyOrder("Thread", "Re: Thread");
            assertThat(mailboxes.count(account.id(), inbox)).isEqualTo(1);
        }
    }

    @Test
    void syncFetchShouldReturnTheItem() throws Exception {
        MessageView message = deliver("Asked for");
        phone.syncFully(inbox, 10);

        WbxmlElement collection = collection(phone.sync(
                inbox,
                phone.key(inbox),
                c -> c.add(WbxmlElement.of(A, "Commands")
                        .add(WbxmlElement.of(A, "Fetch").add("ServerId", inbox + ":" + message.id()))
                        .add(WbxmlElement.of(A, "Fetch").add("ServerId", inbox + ":1")))));

        List<WbxmlElement> fetches = collection.child("Responses").orElseThrow().children("Fetch");
        assertThat(fetches.getFirst().text("Status")).hasValue("1");
        assertThat(fetches.getFirst().child("ApplicationData").orElseThrow().text(CodePage.EMAIL, "Subject"))
                .hasValue("Asked for");
        assertThat(fetches.get(1).text("Status")).hasValue("8");
    }

    @Test
    void deleteWithDeletesAsMoves0ShouldRemoveForGood() throws Exception {
        MessageView message = deliver("Gone for good");
        phone.syncFully(inbox, 10);
        long trash =
                mailboxes.systemFolder(account.id(), SystemFolder.DELETED_ITEMS).id();

        collection(phone.sync(
                inbox,
                phone.key(inbox),
                c -> c.add("DeletesAsMoves", "0")
                        .add(WbxmlElement.of(A, "Commands").add(MailClient.delete(inbox + ":" + message.id())))));

        assertThat(mailboxes.count(account.id(), inbox)).isZero();
        assertThat(mailboxes.count(account.id(), trash)).isZero();
    }

    static String decoded(WbxmlElement properties) {
        return new String(Base64.getDecoder().decode(properties.text("Data").orElseThrow()), StandardCharsets.US_ASCII);
    }
}
