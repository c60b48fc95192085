package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.MailClient.A;
import static org.atoll.support.MailClient.collection;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mailbox.Attachment;
import org.atoll.mailbox.Flag;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.mime.Importance;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.MailClient;
import org.atoll.support.TestAccounts;
import org.atoll.sync.ItemId;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Drafts through Sync at protocol 16.1 (MS-ASCMD 3.1.5.4: a 16.x client synchronizes Drafts; 2.2.3.7.2 Add, 2.2.3.24
 * Change), with attachments added and deleted (MS-ASAIRS 2.2.2.2, 2.2.2.21, 2.2.2.7) and sent (MS-ASEMAIL 2.2.2.69
 * Send), over real HTTP and WBXML.
 */
@AtollTest
class DraftsSyncTest {

    private static final String PASSWORD = "correct horse battery";
    private static final CodePage EMAIL = CodePage.EMAIL;
    private static final CodePage EMAIL2 = CodePage.EMAIL2;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    AccountView ana;
    AccountView bo;
    long drafts;
    MailClient phone;
    MailClient tablet;

    @BeforeEach
    void accounts() throws Exception {
        ana = TestAccounts.open(accounts, "drafter");
        bo = TestAccounts.open(accounts, "reader");
        drafts = mailboxes.systemFolder(ana.id(), SystemFolder.DRAFTS).id();
        phone = client("DraftPhone");
        tablet = client("DraftTablet");
        phone.syncFully(drafts, 10);
        tablet.syncFully(drafts, 10);
    }

    MailClient client(String deviceId) throws Exception {
        return new MailClient(new EasDevice(port, ana.address(), PASSWORD, deviceId, "16.1").provision());
    }

    /** Sends one command for Drafts with the phone's key and returns the collection of the answer. */
    WbxmlElement send(WbxmlElement command) throws Exception {
        WbxmlElement answer = collection(phone.sync(
                drafts,
                phone.key(drafts),
                c -> c.add(WbxmlElement.of(A, "Commands").add(command))));
        assertThat(answer.text("Status")).hasValue("1");
        phone.apply(drafts, answer);
        answer.child("Responses").stream()
                .flatMap(responses -> responses.children(A, "Add").stream())
                .filter(added -> added.text("Status").equals(java.util.Optional.of("1")))
                .forEach(added -> phone.items(drafts)
                        .put(added.text("ServerId").orElseThrow(), new MailClient.Item("", true, "0", List.of())));
        return answer;
    }

    static WbxmlElement attachment(String clientId, String name, String content) {
        return WbxmlElement.of(BASE, "Add")
                .add("ClientId", clientId)
                .add(WbxmlElement.opaque(BASE, "Content", content.getBytes(StandardCharsets.UTF_8)))
                .add("DisplayName", name)
                .add("Method", "1")
                .add("ContentType", "text/plain");
    }

    WbxmlElement newDraft(String clientId, WbxmlElement... attachments) {
        WbxmlElement data = WbxmlElement.of(A, "ApplicationData")
                .add(EMAIL, "To", "Bo <" + bo.address() + ">")
                .add(EMAIL, "Cc", "cy@example.org")
                .add(EMAIL2, "Bcc", "dee@example.org")
                .add(EMAIL, "Subject", "Plans")
                .add(EMAIL, "Importance", "2")
                .add(WbxmlElement.of(BASE, "Body").add("Type", "2").add("Data", "<p>First <b>draft</b></p>"))
                .add(EMAIL, "Read", "0")
                .add(WbxmlElement.of(EMAIL, "Flag").add("Status", "2").add("FlagType", "for Follow Up"));
        if (attachments.length > 0) {
            WbxmlElement list = WbxmlElement.of(BASE, "Attachments");
            for (WbxmlElement attachment : attachments) {
                list.add(attachment);
            }
            data.add(list);
        }
        return WbxmlElement.of(A, "Add").add("ClientId", clientId).add(data);
    }

    static WbxmlElement response(WbxmlElement collection, String name) {
        return collection.child("Responses").orElseThrow().child(name).orElseThrow();
    }

    /** FileReference by ClientId, from an answer's ApplicationData (MS-ASAIRS 2.2.2.7 in Responses). */
    static Map<String, String> fileReferences(WbxmlElement response) {
        return response
                .child("ApplicationData")
                .orElseThrow()
                .child(BASE, "Attachments")
                .orElseThrow()
                .children(BASE, "Attachment")
                .stream()
                .collect(Collectors.toMap(
                        a -> a.text("ClientId").orElseThrow(),
                        a -> a.text("FileReference").orElseThrow()));
    }

    MessageView stored(String serverId) {
        return mailboxes.message(ana.id(), ItemId.parse(serverId).orElseThrow().messageId());
    }

    String raw(String serverId) {
        return new String(
                mailboxes.rawMime(ana.id(), ItemId.parse(serverId).orElseThrow().messageId()), StandardCharsets.UTF_8);
    }

    @Test
    void addShouldStoreTheDraftWithItsRecipientsBodyReadStateAndFlagAndReachOtherDevicesAsADraft() throws Exception {
        WbxmlElement added = response(send(newDraft("d-1")), "Add");

        assertThat(added.text("Status")).hasValue("1");
        String serverId = added.text("ServerId").orElseThrow();
        MessageView draft = stored(serverId);
        assertThat(draft.subject()).isEqualTo("Plans");
        assertThat(draft.to()).contains(bo.address());
        assertThat(draft.cc()).contains("cy@example.org");
        assertThat(draft.importance()).isEqualTo(Importance.HIGH);
        assertThat(draft.hasHtml()).isTrue();
        assertThat(draft.read()).isFalse();
        assertThat(draft.flag().status()).isEqualTo(Flag.Status.ACTIVE);
        assertThat(raw(serverId)).contains("Bcc: dee@example.org");

        WbxmlElement onTablet = tablet.syncOnce(drafts, c -> {});
        WbxmlElement data = onTablet.child("Commands")
                .orElseThrow()
                .child("Add")
                .orElseThrow()
                .child("ApplicationData")
                .orElseThrow();
        assertThat(data.text(EMAIL2, "IsDraft")).as("MS-ASEMAIL 2.2.2.42").hasValue("1");
        assertThat(data.text(EMAIL, "Subject")).hasValue("Plans");
    }

    @Test
    void mimeBodyShouldBeTheDraftItself_Type4() throws Exception {
        String mime = "To: " + bo.address() + "\r\nSubject: Written as MIME\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nWhole message.\r\n";
        WbxmlElement add = WbxmlElement.of(A, "Add")
                .add("ClientId", "mime-1")
                .add(WbxmlElement.of(A, "ApplicationData")
                        .add(WbxmlElement.of(BASE, "Body").add("Type", "4").add("Data", mime)));

        String serverId = response(send(add), "Add").text("ServerId").orElseThrow();

        assertThat(stored(serverId).subject()).isEqualTo("Written as MIME");
        assertThat(raw(serverId)).isEqualTo(mime);
    }

    @Test
    void attachmentsAddedShouldBeAnsweredWithTheirFileReferencesAndBeDeletableByThem() throws Exception {
        WbxmlElement added = response(
                send(newDraft("d-2", attachment("a-1", "agenda.txt", "Agenda"), attachment("a-2", "notes.txt", "N"))),
                "Add");
        String serverId = added.text("ServerId").orElseThrow();
        Map<String, String> references = fileReferences(added);
        assertThat(references).containsOnlyKeys("a-1", "a-2");
        Map<String, Attachment> byReference = stored(serverId).attachments().stream()
                .collect(Collectors.toMap(
                        a -> ItemId.parse(serverId).orElseThrow().messageId() + ":" + a.partPath(),
                        Function.identity()));
        assertThat(byReference.get(references.get("a-1")).fileName()).isEqualTo("agenda.txt");
        assertThat(byReference.get(references.get("a-2")).fileName()).isEqualTo("notes.txt");

        WbxmlElement change = WbxmlElement.of(A, "Change")
                .add("ServerId", serverId)
                .add(WbxmlElement.of(A, "ApplicationData")
                        .add(EMAIL, "Subject", "Plans, revised")
                        .add(WbxmlElement.of(BASE, "Attachments")
                                .add(WbxmlElement.of(BASE, "Delete").add("FileReference", references.get("a-1")))
                                .add(attachment("a-3", "budget.txt", "Budget"))));
        WbxmlElement changed = response(send(change), "Change");

        assertThat(changed.text("Status")).hasValue("1");
        assertThat(fileReferences(changed)).containsOnlyKeys("a-3");
        MessageView edited = stored(serverId);
        assertThat(edited.subject()).isEqualTo("Plans, revised");
        assertThat(edited.attachments()).extracting(Attachment::fileName).containsExactly("notes.txt", "budget.txt");
        assertThat(raw(serverId)).contains("First <b>draft</b>").contains("To: Bo <" + bo.address() + ">");

        WbxmlElement onTablet = tablet.syncOnce(drafts, c -> {});
        assertThat(onTablet.child("Commands")
                        .orElseThrow()
                        .child("Add")
                        .orElseThrow()
                        .child("ApplicationData")
                        .orElseThrow()
                        .text(EMAIL, "Subject"))
                .hasValue("Plans, revised");
        WbxmlElement echo = phone.syncOnce(drafts, c -> {});
        assertThat(echo.child("Commands"))
                .as("no echo of the device's own edits")
                .isEmpty();
    }

    @Test
    void editOfADraftShouldReachAnotherDeviceAsAWholeChange() throws Exception {
        String serverId =
                response(send(newDraft("d-3")), "Add").text("ServerId").orElseThrow();
        tablet.syncOnce(drafts, c -> {});

        send(WbxmlElement.of(A, "Change")
                .add("ServerId", serverId)
                .add(WbxmlElement.of(A, "ApplicationData")
                        .add(WbxmlElement.of(BASE, "Body").add("Type", "1").add("Data", "Second thoughts"))));

        WbxmlElement change = tablet.syncOnce(drafts, c -> {})
                .child("Commands")
                .orElseThrow()
                .child("Change")
                .orElseThrow();
        assertThat(change.text("ServerId")).hasValue(serverId);
        WbxmlElement data = change.child("ApplicationData").orElseThrow();
        assertThat(data.text(EMAIL, "Subject")).hasValue("Plans");
        assertThat(data.child(BASE, "Body").orElseThrow().text("Data")).hasValue("Second thoughts");
    }

    @Test
    void attachmentNameWithALineBreakShouldNotAddAHeaderLine() throws Exception {
        String serverId = response(
                        send(newDraft("d-7", attachment("a-7", "evil.txt\r\nBcc: victim@example.org", "x"))), "Add")
                .text("ServerId")
                .orElseThrow();

        assertThat(raw(serverId)).doesNotContain("\r\nBcc: victim@example.org");
        assertThat(stored(serverId).attachments()).hasSize(1);
    }

    @Test
    void deletingAnAttachmentTheDraftDoesNotHaveShouldGetStatus6AndChangeNothing() throws Exception {
        String serverId =
                response(send(newDraft("d-4")), "Add").text("ServerId").orElseThrow();
        long messageId = ItemId.parse(serverId).orElseThrow().messageId();

        WbxmlElement changed = response(
                send(WbxmlElement.of(A, "Change")
                        .add("ServerId", serverId)
                        .add(WbxmlElement.of(A, "ApplicationData")
                                .add(EMAIL, "Subject", "Never stored")
                                .add(WbxmlElement.of(BASE, "Attachments")
                                        .add(WbxmlElement.of(BASE, "Delete").add("FileReference", messageId + ":7"))))),
                "Change");

        assertThat(changed.text("Status")).hasValue("6");
        assertThat(stored(serverId).subject()).isEqualTo("Plans");
    }

    @Test
    void sendShouldMailTheSavedDraftKeepACopyInSentItemsAndTakeItOutOfDrafts_MsAsemail_2_2_2_69() throws Exception {
        String serverId = response(send(newDraft("d-5", attachment("a-9", "plan.txt", "Plan"))), "Add")
                .text("ServerId")
                .orElseThrow();

        send(WbxmlElement.of(A, "Change")
                .add("ServerId", serverId)
                .add(WbxmlElement.of(A, "ApplicationData").add(EMAIL, "Subject", "Plans, final"))
                .add(WbxmlElement.of(EMAIL2, "Send")));

        List<MessageView> inbox = mailboxes.messages(
                bo.id(), mailboxes.systemFolder(bo.id(), SystemFolder.INBOX).id(), 0, 10);
        assertThat(inbox).extracting(MessageView::subject).containsExactly("Plans, final");
        assertThat(inbox.getFirst().attachments())
                .extracting(Attachment::fileName)
                .containsExactly("plan.txt");
        String received = new String(mailboxes.rawMime(bo.id(), inbox.getFirst().id()), StandardCharsets.UTF_8);
        assertThat(received).doesNotContain("Bcc:").doesNotContain("dee@example.org");
        assertThat(mailboxes.messages(
                        ana.id(),
                        mailboxes
                                .systemFolder(ana.id(), SystemFolder.SENT_ITEMS)
                                .id(),
                        0,
                        10))
                .extracting(MessageView::subject)
                .containsExactly("Plans, final");
        assertThat(mailboxes.count(ana.id(), drafts)).isZero();
        WbxmlElement next = phone.syncOnce(drafts, c -> {});
        assertThat(next.child("Commands")
                        .orElseThrow()
                        .child("Delete")
                        .orElseThrow()
                        .text("ServerId"))
                .hasValue(serverId);
    }

    @Test
    void addWithSendShouldSendAtOnce() throws Exception {
        WbxmlElement add = newDraft("d-6");
        add.add(WbxmlElement.of(EMAIL2, "Send"));

        assertThat(response(send(add), "Add").text("Status")).hasValue("1");

        assertThat(mailboxes.count(
                        bo.id(),
                        mailboxes.systemFolder(bo.id(), SystemFolder.INBOX).id()))
                .isEqualTo(1);
        assertThat(mailboxes.count(ana.id(), drafts)).isZero();
    }
}
