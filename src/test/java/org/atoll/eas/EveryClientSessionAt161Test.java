package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.MailClient.A;
import static org.atoll.support.MailClient.collection;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.NewAccount;
import org.atoll.account.Role;
import org.atoll.mail.Deliveries;
import org.atoll.mail.LmtpServer;
import org.atoll.mailbox.Attachment;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.LmtpClient;
import org.atoll.support.MailClient;
import org.atoll.support.Smarthost;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One phone speaking ActiveSync 16.1 (MS-ASHTTP 2.2.1.1.2.6) over real HTTP and WBXML through everything a mainstream
 * client does in a day: Provision (MS-ASPROV), FolderSync (MS-ASCMD 2.2.1.5), Sync (2.2.1.21), a draft created,
 * edited with an attachment and sent through Sync (MS-ASCMD 3.1.5.4, MS-ASAIRS 2.2.2.2, MS-ASEMAIL 2.2.2.69), Search
 * of the GAL and of the mailbox (2.2.1.16), Find (2.2.1.2), ResolveRecipients (2.2.1.15), and Out of Office set on
 * and off through Settings (2.2.3.119) with the automatic reply Atoll sends an outside sender at most once (RFC 3834).
 * Each step reuses the requests of the test class that covers its command in depth.
 */
@AtollTest
class EveryClientSessionAt161Test {

    private static final String PASSWORD = "correct horse battery";
    private static final CodePage EMAIL = CodePage.EMAIL;
    private static final CodePage EMAIL2 = CodePage.EMAIL2;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;
    private static final CodePage S = CodePage.SEARCH;
    private static final CodePage GAL = CodePage.GAL;
    private static final CodePage F = CodePage.FIND;
    private static final CodePage R = CodePage.RESOLVE_RECIPIENTS;
    private static final CodePage SETTINGS = CodePage.SETTINGS;

    static final Smarthost smtp = Smarthost.started();

    @DynamicPropertySource
    static void smarthost(DynamicPropertyRegistry registry) {
        smtp.register(registry, "target/test-data-every-client-session");
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

    @Test
    void aSixteenOneDeviceShouldBeServedFromProvisionToOutOfOffice() throws Exception {
        String family = "zq" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "zt" + UUID.randomUUID().toString().substring(0, 8);
        String outside = "ext-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        AccountView ana = person("Ana " + family, "ana." + family);
        AccountView bo = person("Bo " + family, "bo." + family);
        long inbox = mailboxes.systemFolder(ana.id(), SystemFolder.INBOX).id();
        long drafts = mailboxes.systemFolder(ana.id(), SystemFolder.DRAFTS).id();

        // Provision, both phases (MS-ASPROV 3.1.5.1).
        EasDevice device = new EasDevice(port, ana.address(), PASSWORD, "Everyday161", "16.1").provision();
        assertThat(device.policyKey()).as("final policy key").isNotZero();

        // FolderSync: the whole hierarchy, Inbox and Drafts among it.
        WbxmlElement hierarchy = device.folderSync("0");
        assertThat(hierarchy.text("Status")).hasValue("1");
        assertThat(hierarchy.child("Changes").orElseThrow().children("Add").stream()
                        .map(add -> add.text("ServerId").orElseThrow())
                        .toList())
                .contains(Long.toString(inbox), Long.toString(drafts));

        // Sync: mail delivered over LMTP reaches the phone.
        try (LmtpClient mta = new LmtpClient(lmtp.port())) {
            mta.reply();
            mta.command("LHLO mta.example.org");
            deliver(mta, "carla@" + outside, ana, "Budget " + topic);
            MailClient phone = new MailClient(device);
            phone.syncFully(inbox, 10);
            assertThat(phone.items(inbox).values())
                    .extracting(MailClient.Item::subject)
                    .containsExactly("Budget " + topic);

            // A draft created through Sync (MS-ASCMD 2.2.3.7.2 Add in Drafts).
            phone.syncFully(drafts, 10);
            WbxmlElement added = DraftsSyncTest.response(
                    drafts(
                            phone,
                            drafts,
                            WbxmlElement.of(A, "Add")
                                    .add("ClientId", "draft-1")
                                    .add(WbxmlElement.of(A, "ApplicationData")
                                            .add(EMAIL, "To", "Bo <" + bo.address() + ">")
                                            .add(EMAIL, "Subject", "Plans " + topic)
                                            .add(WbxmlElement.of(BASE, "Body")
                                                    .add("Type", "1")
                                                    .add("Data", "First thoughts")))),
                    "Add");
            assertThat(added.text("Status")).hasValue("1");
            String draft = added.text("ServerId").orElseThrow();

            // Edited with an attachment (MS-ASAIRS 2.2.2.2 Attachments/Add, answered with its FileReference).
            WbxmlElement changed = DraftsSyncTest.response(
                    drafts(
                            phone,
                            drafts,
                            WbxmlElement.of(A, "Change")
                                    .add("ServerId", draft)
                                    .add(WbxmlElement.of(A, "ApplicationData")
                                            .add(EMAIL, "Subject", "Plans, revised " + topic)
                                            .add(WbxmlElement.of(BASE, "Attachments")
                                                    .add(DraftsSyncTest.attachment("att-1", "agenda.txt", "Agenda"))))),
                    "Change");
            assertThat(changed.text("Status")).hasValue("1");
            assertThat(DraftsSyncTest.fileReferences(changed)).containsOnlyKeys("att-1");

            // Sent (MS-ASEMAIL 2.2.2.69 Send): Bo receives it with the attachment, Drafts is empty again.
            drafts(
                    phone,
                    drafts,
                    WbxmlElement.of(A, "Change")
                            .add("ServerId", draft)
                            .add(WbxmlElement.of(A, "ApplicationData"))
                            .add(WbxmlElement.of(EMAIL2, "Send")));
            List<MessageView> received = mailboxes.messages(
                    bo.id(), mailboxes.systemFolder(bo.id(), SystemFolder.INBOX).id(), 0, 10);
            assertThat(received).extracting(MessageView::subject).containsExactly("Plans, revised " + topic);
            assertThat(received.getFirst().attachments())
                    .extracting(Attachment::fileName)
                    .containsExactly("agenda.txt");
            assertThat(mailboxes.count(ana.id(), drafts)).isZero();

            // Search of the GAL (MS-ASCMD 2.2.1.16, Store GAL).
            WbxmlElement galStore = searchStore(
                    device,
                    WbxmlElement.of(S, "Store")
                            .add("Name", "GAL")
                            .add("Query", family)
                            .add(WbxmlElement.of(S, "Options").add("Range", "0-9")));
            assertThat(galStore.children(S, "Result").stream()
                            .map(r -> r.child(S, "Properties")
                                    .orElseThrow()
                                    .text(GAL, "EmailAddress")
                                    .orElseThrow())
                            .toList())
                    .containsExactly(ana.address(), bo.address());

            // Search of the mailbox (Store Mailbox, an And of Class and FreeText).
            WbxmlElement mailboxStore = searchStore(
                    device,
                    WbxmlElement.of(S, "Store")
                            .add("Name", "Mailbox")
                            .add(WbxmlElement.of(S, "Query")
                                    .add(WbxmlElement.of(S, "And")
                                            .add(A, "Class", "Email")
                                            .add(A, "CollectionId", Long.toString(inbox))
                                            .add("FreeText", topic)))
                            .add(WbxmlElement.of(S, "Options").add("Range", "0-9")));
            assertThat(mailboxStore.text("Total")).hasValue("1");
            assertThat(mailboxStore
                            .child(S, "Result")
                            .orElseThrow()
                            .child(S, "Properties")
                            .orElseThrow()
                            .text(EMAIL, "Subject"))
                    .hasValue("Budget " + topic);

            // Find (MS-ASCMD 2.2.1.2, 16.1): the mailbox, then the GAL.
            WbxmlElement foundMail = findResponse(
                    device,
                    FindTest.find(FindTest.mailboxCriterion(
                            FindTest.freeText(topic),
                            WbxmlElement.of(F, "Options").add("Range", "0-9").addEmpty("DeepTraversal"))));
            assertThat(FindTest.subjects(foundMail))
                    .containsExactlyInAnyOrder("Budget " + topic, "Plans, revised " + topic);
            WbxmlElement foundPeople = findResponse(
                    device,
                    FindTest.find(WbxmlElement.of(F, "GalSearchCriterion")
                            .add(FindTest.freeText("bo." + family))
                            .add(WbxmlElement.of(F, "Options").add("Range", "0-9"))));
            assertThat(foundPeople
                            .child(F, "Result")
                            .orElseThrow()
                            .child(F, "Properties")
                            .orElseThrow()
                            .text(GAL, "EmailAddress"))
                    .hasValue(bo.address());

            // ResolveRecipients (MS-ASCMD 2.2.1.15): Bo's address resolves to Bo alone.
            WbxmlElement resolved = device.send(
                    "ResolveRecipients", WbxmlElement.of(R, "ResolveRecipients").add("To", bo.address()));
            assertThat(resolved.text("Status")).hasValue("1");
            WbxmlElement resolution = resolved.child(R, "Response").orElseThrow();
            assertThat(resolution.text("Status")).as("resolved uniquely").hasValue("1");
            assertThat(resolution.child(R, "Recipient").orElseThrow().text("EmailAddress"))
                    .hasValue(bo.address());

            // Out of Office set on (MS-ASCMD 2.2.3.119): an outside sender writing twice gets exactly one reply.
            oof(
                    device,
                    WbxmlElement.of(SETTINGS, "Set")
                            .add("OofState", "1")
                            .add(OutOfOfficeTest.message("AppliesToInternal", true, "Away (colleagues)."))
                            .add(OutOfOfficeTest.message("AppliesToExternalKnown", true, "Away."))
                            .add(OutOfOfficeTest.message("AppliesToExternalUnknown", true, "I am away.")));
            String dee = "dee@" + outside;
            deliver(mta, dee, ana, "First question");
            deliver(mta, dee, ana, "Second question");
            deliveries.runDue();
            List<MimeMessage> replies = smtp.receivedBy(dee);
            assertThat(replies).as("one automatic reply for two messages").hasSize(1);
            assertThat(replies.getFirst().getHeader("Auto-Submitted")).containsExactly("auto-replied");
            assertThat(((String) replies.getFirst().getContent()).strip()).isEqualTo("I am away.");

            // Out of Office set off: the next outside sender gets no reply.
            oof(device, WbxmlElement.of(SETTINGS, "Set").add("OofState", "0"));
            String eve = "eve@" + outside;
            deliver(mta, eve, ana, "Anyone there?");
            deliveries.runDue();
            assertThat(smtp.receivedBy(eve)).isEmpty();
            assertThat(smtp.receivedBy(dee)).as("still one reply for Dee").hasSize(1);
            assertThat(smtp.receivedBy("carla@" + outside))
                    .as("no reply to mail that came before Out of Office")
                    .isEmpty();
        }
    }

    AccountView person(String name, String local) {
        return accounts.create(new NewAccount(local + "@atoll.test", name, PASSWORD, Role.USER, null));
    }

    static void deliver(LmtpClient mta, String from, AccountView to, String subject) throws Exception {
        String raw = "From: <" + from + ">\r\nTo: <" + to.address() + ">\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + UUID.randomUUID() + "@sender.example>\r\n\r\nHello?\r\n";
        assertThat(mta.deliver(from, List.of(to.address()), raw)).allMatch(reply -> reply.startsWith("250"));
    }

    /** One Sync command for Drafts with the phone's key; returns the collection of the answer, Status 1. */
    static WbxmlElement drafts(MailClient phone, long drafts, WbxmlElement command) throws Exception {
        WbxmlElement answer = collection(phone.sync(
                drafts,
                phone.key(drafts),
                c -> c.add(WbxmlElement.of(A, "Commands").add(command))));
        assertThat(answer.text("Status")).hasValue("1");
        phone.apply(drafts, answer);
        return answer;
    }

    static WbxmlElement searchStore(EasDevice device, WbxmlElement store) throws Exception {
        WbxmlElement response =
                device.send("Search", WbxmlElement.of(S, "Search").add(store));
        assertThat(response.text("Status")).hasValue("1");
        WbxmlElement answered =
                response.child(S, "Response").orElseThrow().child(S, "Store").orElseThrow();
        assertThat(answered.text("Status")).hasValue("1");
        return answered;
    }

    static WbxmlElement findResponse(EasDevice device, WbxmlElement find) throws Exception {
        WbxmlElement answer = device.send("Find", find);
        assertThat(answer.text("Status")).hasValue("1");
        return answer.child(F, "Response").orElseThrow();
    }

    static void oof(EasDevice device, WbxmlElement set) throws Exception {
        WbxmlElement response = device.send(
                "Settings",
                WbxmlElement.of(SETTINGS, "Settings")
                        .add(WbxmlElement.of(SETTINGS, "Oof").add(set)));
        assertThat(response.text("Status")).hasValue("1");
        assertThat(response.child(SETTINGS, "Oof").orElseThrow().text("Status")).hasValue("1");
    }
}
