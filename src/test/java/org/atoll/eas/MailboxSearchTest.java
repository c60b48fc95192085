package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Search of the mailbox (MS-ASCMD 2.2.1.16, Store Mailbox) over real HTTP and WBXML, as a phone's search box sends
 * it, and the Fetch of a result by its LongId through ItemOperations (MS-ASCMD 2.2.3.100.1).
 */
@AtollTest
class MailboxSearchTest {

    private static final CodePage S = CodePage.SEARCH;
    private static final CodePage A = CodePage.AIRSYNC;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;
    private static final CodePage EMAIL = CodePage.EMAIL;
    private static final CodePage I = CodePage.ITEM_OPERATIONS;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    AccountView account;
    EasDevice phone;
    long inbox;
    String word;

    @BeforeEach
    void mailbox() throws Exception {
        account = TestAccounts.open(accounts, "eas-search");
        inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        phone = new EasDevice(port, account.address(), "correct horse battery", "SearchPhone").provision();
        word = "zq" + UUID.randomUUID().toString().substring(0, 8);
    }

    MessageView deliver(long folderId, String subject, String body, Instant receivedAt) {
        byte[] raw = ("From: Carla <carla@example.org>\r\nTo: " + account.address() + "\r\nSubject: " + subject
                        + "\r\nMessage-ID: <" + UUID.randomUUID() + "@atoll.test>"
                        + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        return mailboxes.deliver(account.id(), folderId, raw, receivedAt);
    }

    WbxmlElement store(WbxmlElement query, WbxmlElement options) throws Exception {
        WbxmlElement response = phone.send(
                "Search",
                WbxmlElement.of(S, "Search")
                        .add(WbxmlElement.of(S, "Store")
                                .add("Name", "Mailbox")
                                .add(query)
                                .add(options)));
        assertThat(response.text("Status")).hasValue("1");
        return response.child(S, "Response").orElseThrow().child(S, "Store").orElseThrow();
    }

    static WbxmlElement and(WbxmlElement... terms) {
        WbxmlElement and = WbxmlElement.of(S, "And");
        for (WbxmlElement term : terms) {
            and.add(term);
        }
        return WbxmlElement.of(S, "Query").add(and);
    }

    WbxmlElement emailIn(long folderId) {
        return WbxmlElement.of(S, "And").add(A, "Class", "Email").add(A, "CollectionId", Long.toString(folderId));
    }

    static WbxmlElement freeText(String text) {
        return WbxmlElement.text(S, "FreeText", text);
    }

    static WbxmlElement options(String range) {
        return WbxmlElement.of(S, "Options")
                .add("Range", range)
                .add(WbxmlElement.of(BASE, "BodyPreference").add("Type", "1").add("TruncationSize", "100"));
    }

    static List<String> longIds(WbxmlElement store) {
        return store.children(S, "Result").stream()
                .flatMap(result -> result.text(S, "LongId").stream())
                .toList();
    }

    @Test
    void freeTextInTheInboxShouldAnswerTheMatchesNewestFirstWithTheirProperties_MsAscmd_2_2_3_134() throws Exception {
        MessageView older = deliver(inbox, "Budget " + word, "first draft", Instant.parse("2026-10-01T08:00:00Z"));
        MessageView newer =
                deliver(inbox, "Re: budget", "the " + word + " numbers", Instant.parse("2026-11-01T08:00:00Z"));
        deliver(inbox, "Lunch", "nothing to see", Instant.parse("2026-11-02T08:00:00Z"));

        WbxmlElement store = store(
                and(WbxmlElement.of(S, "And")
                        .add(A, "Class", "Email")
                        .add(A, "CollectionId", Long.toString(inbox))
                        .add(freeText(word))),
                options("0-9"));

        assertThat(store.text("Status")).hasValue("1");
        assertThat(longIds(store)).containsExactly(inbox + ":" + newer.id(), inbox + ":" + older.id());
        assertThat(store.text("Total")).hasValue("2");
        assertThat(store.text("Range")).hasValue("0-1");
        WbxmlElement first = store.children(S, "Result").getFirst();
        assertThat(first.text(A, "Class")).hasValue("Email");
        assertThat(first.text(A, "CollectionId")).hasValue(Long.toString(inbox));
        WbxmlElement properties = first.child(S, "Properties").orElseThrow();
        assertThat(properties.text(EMAIL, "Subject")).hasValue("Re: budget");
        assertThat(properties.child(BASE, "Body").orElseThrow().text(BASE, "Data"))
                .hasValueSatisfying(data -> assertThat(data).contains(word));
    }

    @Test
    void rangeShouldPageAndTotalShouldCountEveryMatch_MsAscmd_2_2_3_143_3() throws Exception {
        for (int i = 0; i < 5; i++) {
            deliver(inbox, word + " " + i, "x", Instant.parse("2026-11-0" + (i + 1) + "T08:00:00Z"));
        }

        WbxmlElement store = store(and(emailIn(inbox).add(freeText(word))), options("2-3"));

        assertThat(store.children(S, "Result")).hasSize(2);
        assertThat(store.text("Range")).hasValue("2-3");
        assertThat(store.text("Total")).hasValue("5");
    }

    @Test
    void deepTraversalShouldSearchSubfoldersAndDatesShouldBoundTheResults() throws Exception {
        FolderView projects = mailboxes.createFolder(account.id(), null, "Projects", FolderType.USER_MAIL);
        FolderView old = mailboxes.createFolder(account.id(), projects.id(), "Old", FolderType.USER_MAIL);
        MessageView below = deliver(old.id(), word, "x", Instant.parse("2026-06-15T00:00:00Z"));
        deliver(old.id(), word, "x", Instant.parse("2026-01-15T00:00:00Z"));

        WbxmlElement query = and(emailIn(projects.id())
                .add(freeText(word))
                .add(WbxmlElement.of(S, "GreaterThan")
                        .add(WbxmlElement.of(EMAIL, "DateReceived"))
                        .add(S, "Value", "2026-06-01T00:00:00.000Z"))
                .add(WbxmlElement.of(S, "LessThan")
                        .add(WbxmlElement.of(EMAIL, "DateReceived"))
                        .add(S, "Value", "2026-07-01T00:00:00.000Z")));

        WbxmlElement shallow = store(query, options("0-9"));
        WbxmlElement deep = store(query, options("0-9").add(WbxmlElement.of(S, "DeepTraversal")));

        assertThat(longIds(shallow)).isEmpty();
        assertThat(shallow.text("Total")).hasValue("0");
        assertThat(longIds(deep)).containsExactly(old.id() + ":" + below.id());
    }

    @Test
    void conversationIdFromSyncShouldListTheThread() throws Exception {
        MessageView first = deliver(inbox, "Plan " + word, "x", Instant.parse("2026-11-01T08:00:00Z"));
        byte[] conversation = java.nio.ByteBuffer.allocate(16)
                .putLong(0x41544f4c4c000000L)
                .putLong(first.threadId())
                .array();

        WbxmlElement store = store(
                and(WbxmlElement.of(S, "And").add(WbxmlElement.opaque(S, "ConversationId", conversation))),
                options("0-9"));

        assertThat(longIds(store)).containsExactly(inbox + ":" + first.id());
    }

    @Test
    void anotherAccountsMailShouldNeverBeFound() throws Exception {
        AccountView other = TestAccounts.open(accounts, "eas-search-other");
        long theirs = mailboxes.systemFolder(other.id(), SystemFolder.INBOX).id();
        mailboxes.deliver(
                other.id(),
                theirs,
                ("Subject: " + word + "\r\n\r\nsecret\r\n").getBytes(StandardCharsets.US_ASCII),
                null);

        WbxmlElement everywhere = store(and(WbxmlElement.of(S, "And").add(freeText(word))), options("0-9"));
        WbxmlElement inTheirFolder = store(and(emailIn(theirs).add(freeText(word))), options("0-9"));

        assertThat(longIds(everywhere)).isEmpty();
        assertThat(everywhere.text("Total")).hasValue("0");
        assertThat(inTheirFolder.text("Status")).hasValue("2");
    }

    @Test
    void orShouldBeTooComplexAndAClassOtherThanEmailShouldFindNothing() throws Exception {
        deliver(inbox, word, "x", Instant.parse("2026-11-01T08:00:00Z"));

        WbxmlElement or =
                store(WbxmlElement.of(S, "Query").add(WbxmlElement.of(S, "Or").add(freeText(word))), options("0-9"));
        WbxmlElement calendar =
                store(and(WbxmlElement.of(S, "And").add(A, "Class", "Calendar").add(freeText(word))), options("0-9"));

        assertThat(or.text("Status")).hasValue("8");
        assertThat(calendar.text("Status")).hasValue("1");
        assertThat(calendar.text("Total")).hasValue("0");
    }

    @Test
    void aResultShouldBeFetchedByItsLongIdThroughItemOperations_MsAscmd_2_2_3_100_1() throws Exception {
        MessageView found = deliver(inbox, "Fetch me " + word, "the body of " + word, Instant.now());
        String longId = longIds(store(and(emailIn(inbox).add(freeText(word))), options("0-0")))
                .getFirst();

        WbxmlElement response = phone.send(
                "ItemOperations",
                WbxmlElement.of(I, "ItemOperations")
                        .add(WbxmlElement.of(I, "Fetch")
                                .add("Store", "Mailbox")
                                .add(S, "LongId", longId)
                                .add(WbxmlElement.of(I, "Options")
                                        .add(WbxmlElement.of(BASE, "BodyPreference")
                                                .add("Type", "1")))));
        WbxmlElement fetch =
                response.child(I, "Response").orElseThrow().child(I, "Fetch").orElseThrow();

        assertThat(longId).isEqualTo(inbox + ":" + found.id());
        assertThat(fetch.text("Status")).hasValue("1");
        assertThat(fetch.text(S, "LongId")).hasValue(longId);
        assertThat(fetch.child(I, "Properties").orElseThrow().text(EMAIL, "Subject"))
                .hasValue("Fetch me " + word);
    }

    @Test
    void aLongIdOfAnotherAccountsMessageShouldNotBeFound() throws Exception {
        AccountView other = TestAccounts.open(accounts, "eas-search-victim");
        long theirs = mailboxes.systemFolder(other.id(), SystemFolder.INBOX).id();
        MessageView secret = mailboxes.deliver(
                other.id(), theirs, ("Subject: secret\r\n\r\nsecret\r\n").getBytes(StandardCharsets.US_ASCII), null);

        WbxmlElement response = phone.send(
                "ItemOperations",
                WbxmlElement.of(I, "ItemOperations")
                        .add(WbxmlElement.of(I, "Fetch")
                                .add("Store", "Mailbox")
                                .add(S, "LongId", theirs + ":" + secret.id())));

        WbxmlElement fetch =
                response.child(I, "Response").orElseThrow().child(I, "Fetch").orElseThrow();
        assertThat(fetch.text("Status")).hasValue("6");
        assertThat(fetch.child(I, "Properties")).isEmpty();
    }
}
