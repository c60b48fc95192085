package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.DirectoryDetails;
import org.atoll.account.NewAccount;
import org.atoll.account.Role;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.shared.Actor;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Find (MS-ASCMD 2.2.1.2), protocol 16.1 only, over real HTTP and WBXML: the mailbox (MailBoxSearchCriterion,
 * 2.2.3.99) and the global address list (GALSearchCriterion, 2.2.3.82), the properties of each result (2.2.3.139.1),
 * and the Status of a request the server refuses (2.2.3.177.2).
 */
@AtollTest
class FindTest {

    private static final String PASSWORD = "correct horse battery";
    private static final CodePage F = CodePage.FIND;
    private static final CodePage A = CodePage.AIRSYNC;
    private static final CodePage EMAIL = CodePage.EMAIL;
    private static final CodePage EMAIL2 = CodePage.EMAIL2;
    private static final CodePage GAL = CodePage.GAL;
    private static final CodePage ITEMS = CodePage.ITEM_OPERATIONS;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    /** A word no other test uses in account names, so that each test's directory matches are its own. */
    String word;

    /** A word no other test uses in messages, and no address holds. */
    String topic;

    AccountView ana;
    AccountView bo;
    long inbox;
    EasDevice phone;

    @BeforeEach
    void mailbox() throws Exception {
        word = "zq" + UUID.randomUUID().toString().substring(0, 8);
        topic = "zt" + UUID.randomUUID().toString().substring(0, 8);
        ana = person("Ana " + word, "ana." + word);
        bo = person("Bo " + word, "bo." + word);
        inbox = mailboxes.systemFolder(ana.id(), SystemFolder.INBOX).id();
        phone = new EasDevice(port, ana.address(), PASSWORD, "FindPhone", "16.1").provision();
    }

    AccountView person(String name, String local) {
        return accounts.create(new NewAccount(local + "@atoll.test", name, PASSWORD, Role.USER, null));
    }

    MessageView deliver(long folderId, String subject, String extraHeaders, String body) {
        byte[] raw = ("From: Carla <carla@example.org>\r\nTo: " + ana.address() + "\r\nCc: dan@example.org\r\n"
                        + "Subject: " + subject + "\r\nMessage-ID: <" + UUID.randomUUID() + "@atoll.test>\r\n"
                        + extraHeaders + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        return mailboxes.deliver(ana.id(), folderId, raw, Instant.parse("2026-11-02T10:15:30Z"));
    }

    static WbxmlElement find(WbxmlElement criterion) {
        return WbxmlElement.of(F, "Find")
                .add("SearchId", UUID.randomUUID().toString())
                .add(WbxmlElement.of(F, "ExecuteSearch").add(criterion));
    }

    static WbxmlElement mailboxCriterion(WbxmlElement query, WbxmlElement options) {
        return WbxmlElement.of(F, "MailBoxSearchCriterion").add(query).add(options);
    }

    static WbxmlElement freeText(String text) {
        return WbxmlElement.of(F, "Query").add("FreeText", text);
    }

    /** The Response of a Find whose Status is 1. */
    WbxmlElement response(WbxmlElement request) throws Exception {
        WbxmlElement answer = phone.send("Find", request);
        assertThat(answer.text("Status")).as("Find Status").hasValue("1");
        WbxmlElement response = answer.child(F, "Response").orElseThrow();
        assertThat(response.text("Status")).as("Response Status").hasValue("1");
        return response;
    }

    String status(WbxmlElement request) throws Exception {
        WbxmlElement answer = phone.send("Find", request);
        assertThat(answer.child(F, "Response")).as("no Response when refused").isEmpty();
        return answer.text("Status").orElseThrow();
    }

    static List<String> subjects(WbxmlElement response) {
        return response.children(F, "Result").stream()
                .map(result -> result.child(F, "Properties")
                        .orElseThrow()
                        .text(EMAIL, "Subject")
                        .orElseThrow())
                .toList();
    }

    @Nested
    class OfTheMailbox {

        @Test
        void freeTextShouldFindTheMessagesWithTheirFindProperties_MsAscmd_2_2_3_139_1() throws Exception {
            MessageView found = deliver(inbox, "Budget " + topic, "Importance: high\r\n", "");
            deliver(inbox, "Unrelated", "", "Nothing to see.");
            byte[] multipart = ("From: Carla <carla@example.org>\r\nTo: " + ana.address() + "\r\nSubject: With file "
                            + topic + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                            + "--b\r\nContent-Type: text/plain\r\n\r\nThe figures.\r\n--b\r\nContent-Type: text/plain;"
                            + " name=a.txt\r\nContent-Disposition: attachment; filename=a.txt\r\n\r\nA\r\n--b--\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            MessageView withFile = mailboxes.deliver(ana.id(), inbox, multipart, Instant.parse("2026-11-03T09:00:00Z"));

            WbxmlElement response = response(find(mailboxCriterion(
                    freeText(topic), WbxmlElement.of(F, "Options").add("Range", "0-9"))));

            assertThat(response.text(ITEMS, "Store")).hasValue("Mailbox");
            assertThat(response.text("Total")).hasValue("2");
            assertThat(response.text("Range")).hasValue("0-1");
            List<WbxmlElement> results = response.children(F, "Result");
            assertThat(subjects(response)).containsExactly("With file " + topic, "Budget " + topic);
            WbxmlElement first = results.getFirst();
            assertThat(first.text(A, "Class")).hasValue("Email");
            assertThat(first.text(A, "ServerId")).hasValue(inbox + ":" + withFile.id());
            assertThat(first.text(A, "CollectionId")).hasValue(Long.toString(inbox));
            assertThat(first.child(F, "Properties").orElseThrow().text(F, "HasAttachments"))
                    .hasValue("1");
            WbxmlElement budget = results.get(1).child(F, "Properties").orElseThrow();
            assertThat(results.get(1).text(A, "ServerId")).hasValue(inbox + ":" + found.id());
            assertThat(budget.text(EMAIL, "DateReceived")).hasValue("2026-11-02T10:15:30.000Z");
            assertThat(budget.text(EMAIL, "DisplayTo")).isPresent();
            assertThat(budget.text(F, "DisplayCc")).hasValue("dan@example.org");
            assertThat(budget.text(EMAIL, "Importance")).hasValue("2");
            assertThat(budget.text(EMAIL, "Read")).hasValue("0");
            assertThat(budget.text(EMAIL2, "IsDraft")).hasValue("0");
            assertThat(budget.text(F, "HasAttachments")).hasValue("0");
            assertThat(budget.text(EMAIL, "From")).hasValue("Carla <carla@example.org>");
            assertThat(budget.child(F, "Preview")).isPresent();
        }

        @Test
        void aMessageInDraftsShouldBeMarkedAsADraft() throws Exception {
            long drafts = mailboxes.systemFolder(ana.id(), SystemFolder.DRAFTS).id();
            deliver(drafts, "Unfinished " + topic, "", "Half a thought.");

            WbxmlElement properties = response(find(mailboxCriterion(freeText(topic), WbxmlElement.of(F, "Options"))))
                    .child(F, "Result")
                    .orElseThrow()
                    .child(F, "Properties")
                    .orElseThrow();

            assertThat(properties.text(EMAIL2, "IsDraft")).hasValue("1");
        }

        @Test
        void collectionIdShouldLimitTheSearchAndDeepTraversalTakeInItsSubfolders_MsAscmd_2_2_3_41_1() throws Exception {
            FolderView projects = mailboxes.createFolder(ana.id(), inbox, "Projects " + topic, FolderType.USER_MAIL);
            deliver(inbox, "Top " + topic, "", "");
            deliver(projects.id(), "Nested " + topic, "", "");
            long sent =
                    mailboxes.systemFolder(ana.id(), SystemFolder.SENT_ITEMS).id();
            deliver(sent, "Elsewhere " + topic, "", "");
            WbxmlElement query = freeText(topic).add(A, "CollectionId", Long.toString(inbox));

            assertThat(subjects(response(find(mailboxCriterion(query, WbxmlElement.of(F, "Options"))))))
                    .containsExactly("Top " + topic);
            assertThat(subjects(response(find(mailboxCriterion(
                            query, WbxmlElement.of(F, "Options").addEmpty("DeepTraversal"))))))
                    .containsExactlyInAnyOrder("Top " + topic, "Nested " + topic);
        }

        @Test
        void rangeShouldPageThroughTheMatches_MsAscmd_2_2_3_143_1() throws Exception {
            for (int i = 0; i < 3; i++) {
                deliver(inbox, "Page " + i + " " + topic, "", "");
            }

            WbxmlElement second = response(find(mailboxCriterion(
                    freeText(topic), WbxmlElement.of(F, "Options").add("Range", "1-1"))));

            assertThat(second.children(F, "Result")).hasSize(1);
            assertThat(second.text("Range")).hasValue("1-1");
            assertThat(second.text("Total")).hasValue("3");
        }

        @Test
        void noMatchShouldAnswerNoResultAndATotalOfZero() throws Exception {
            WbxmlElement response = response(find(mailboxCriterion(freeText(topic), WbxmlElement.of(F, "Options"))));

            assertThat(response.children(F, "Result")).isEmpty();
            assertThat(response.child(F, "Range")).isEmpty();
            assertThat(response.text("Total")).hasValue("0");
        }

        @Test
        void aClassOtherThanEmailShouldFindNothing() throws Exception {
            deliver(inbox, "Budget " + topic, "", "");

            WbxmlElement response = response(
                    find(mailboxCriterion(freeText(topic).add(A, "Class", "Calendar"), WbxmlElement.of(F, "Options"))));

            assertThat(response.text("Total")).hasValue("0");
        }

        @Test
        void anotherAccountsMessagesShouldNeverBeFound() throws Exception {
            long theirs = mailboxes.systemFolder(bo.id(), SystemFolder.INBOX).id();
            mailboxes.deliver(
                    bo.id(),
                    theirs,
                    ("From: x@example.org\r\nSubject: Secret " + topic + "\r\n\r\nx\r\n")
                            .getBytes(StandardCharsets.UTF_8),
                    null);

            assertThat(response(find(mailboxCriterion(freeText(topic), WbxmlElement.of(F, "Options"))))
                            .text("Total"))
                    .hasValue("0");
            assertThat(status(find(mailboxCriterion(
                            freeText(topic).add(A, "CollectionId", Long.toString(theirs)),
                            WbxmlElement.of(F, "Options")))))
                    .as("another account's folder is one this device never saw: FolderSync required")
                    .isEqualTo("3");
        }
    }

    @Nested
    class OfTheGal {

        WbxmlElement gal(String text, WbxmlElement options) {
            return find(
                    WbxmlElement.of(F, "GalSearchCriterion").add(freeText(text)).add(options));
        }

        @Test
        void freeTextShouldFindColleaguesByNameWithTheirGalProperties_MsAscmd_2_2_3_82() throws Exception {
            AccountView hidden = person("Cy Hidden " + word, "cy." + word);
            accounts.setHiddenFromDirectory(hidden.id(), true, Actor.SYSTEM);

            WbxmlElement response =
                    response(gal(word, WbxmlElement.of(F, "Options").add("Range", "0-9")));

            assertThat(response.text(ITEMS, "Store")).hasValue("GAL");
            assertThat(response.text("Total")).hasValue("2");
            assertThat(response.children(F, "Result").stream()
                            .map(r -> r.child(F, "Properties")
                                    .orElseThrow()
                                    .text(GAL, "EmailAddress")
                                    .orElseThrow())
                            .toList())
                    .containsExactly(ana.address(), bo.address());
            WbxmlElement first = response.child(F, "Result")
                    .orElseThrow()
                    .child(F, "Properties")
                    .orElseThrow();
            assertThat(first.text(GAL, "DisplayName")).hasValue("Ana " + word);
            assertThat(first.text(GAL, "Alias")).hasValue("ana." + word);
            assertThat(first.child(GAL, "Picture")).as("no picture asked for").isEmpty();
        }

        @Test
        void detailsSetShouldComeBackAndUnsetOnesBeLeftOut_MsAscmd_2_2_3_139_1() throws Exception {
            accounts.setDirectoryDetails(
                    bo.id(),
                    DirectoryDetails.of(null, null, "Atoll Shipping", "Deckhand", null, null, "+1 555 0177"),
                    Actor.SYSTEM);

            List<WbxmlElement> results = response(
                            gal(word, WbxmlElement.of(F, "Options").add("Range", "0-9")))
                    .children(F, "Result");

            WbxmlElement plain = results.get(0).child(F, "Properties").orElseThrow();
            WbxmlElement detailed = results.get(1).child(F, "Properties").orElseThrow();
            assertThat(detailed.children().stream().map(WbxmlElement::qualifiedName))
                    .containsExactly(
                            "GAL:DisplayName",
                            "GAL:Title",
                            "GAL:Company",
                            "GAL:Alias",
                            "GAL:MobilePhone",
                            "GAL:EmailAddress");
            assertThat(detailed.text(GAL, "Company")).hasValue("Atoll Shipping");
            assertThat(detailed.text(GAL, "Title")).hasValue("Deckhand");
            assertThat(detailed.text(GAL, "MobilePhone")).hasValue("+1 555 0177");
            assertThat(plain.text(GAL, "EmailAddress")).hasValue(ana.address());
            assertThat(plain.children().stream().map(WbxmlElement::qualifiedName))
                    .containsExactly("GAL:DisplayName", "GAL:Alias", "GAL:EmailAddress");
        }

        @Test
        void pictureAskedForShouldBeAnsweredWithTheStatusOfNoPicture() throws Exception {
            WbxmlElement response = response(gal(
                    "bo." + word,
                    WbxmlElement.of(F, "Options")
                            .add("Range", "0-0")
                            .add(WbxmlElement.of(F, "Picture")
                                    .add("MaxSize", "10240")
                                    .add("MaxPictures", "1"))));

            assertThat(response.child(F, "Result")
                            .orElseThrow()
                            .child(F, "Properties")
                            .orElseThrow()
                            .child(GAL, "Picture")
                            .orElseThrow()
                            .text(GAL, "Status"))
                    .hasValue("173");
        }
    }

    @Nested
    class RefusedWithStatus2_MsAscmd_2_2_3_177_2 {

        @Test
        void rangeBeyond999ShouldBeRefused() throws Exception {
            assertThat(status(find(mailboxCriterion(
                            freeText(topic), WbxmlElement.of(F, "Options").add("Range", "0-1000")))))
                    .isEqualTo("2");
        }

        @Test
        void rangeThatIsNoRangeShouldBeRefused() throws Exception {
            for (String range : List.of("9-0", "a-b", "-1-5", "0-", "5")) {
                assertThat(status(find(mailboxCriterion(
                                freeText(topic), WbxmlElement.of(F, "Options").add("Range", range)))))
                        .as("Range %s", range)
                        .isEqualTo("2");
            }
        }

        @Test
        void emptyQueryShouldBeRefused() throws Exception {
            assertThat(status(find(mailboxCriterion(WbxmlElement.of(F, "Query"), WbxmlElement.of(F, "Options")))))
                    .isEqualTo("2");
        }

        @Test
        void queryWithAnElementFindDoesNotDefineShouldBeRefused() throws Exception {
            WbxmlElement query = freeText(topic).add(WbxmlElement.of(F, "Options"));

            assertThat(status(find(mailboxCriterion(query, WbxmlElement.of(F, "Options")))))
                    .isEqualTo("2");
        }

        @Test
        void twoCollectionIdsShouldBeRefused() throws Exception {
            WbxmlElement query = freeText(topic)
                    .add(A, "CollectionId", Long.toString(inbox))
                    .add(A, "CollectionId", Long.toString(inbox));

            assertThat(status(find(mailboxCriterion(query, WbxmlElement.of(F, "Options")))))
                    .isEqualTo("2");
        }

        @Test
        void missingOrMalformedSearchIdShouldBeRefused() throws Exception {
            WbxmlElement execute = WbxmlElement.of(F, "ExecuteSearch")
                    .add(mailboxCriterion(freeText(topic), WbxmlElement.of(F, "Options")));

            assertThat(status(WbxmlElement.of(F, "Find").add(execute))).isEqualTo("2");
            assertThat(status(WbxmlElement.of(F, "Find")
                            .add("SearchId", "not-a-guid")
                            .add(execute)))
                    .isEqualTo("2");
        }

        @Test
        void bothCriteriaOrNeitherShouldBeRefused() throws Exception {
            WbxmlElement both = WbxmlElement.of(F, "ExecuteSearch")
                    .add(mailboxCriterion(freeText(topic), WbxmlElement.of(F, "Options")))
                    .add(WbxmlElement.of(F, "GalSearchCriterion").add(freeText(topic)));
            WbxmlElement neither = WbxmlElement.of(F, "ExecuteSearch");

            for (WbxmlElement execute : List.of(both, neither)) {
                assertThat(status(WbxmlElement.of(F, "Find")
                                .add("SearchId", UUID.randomUUID().toString())
                                .add(execute)))
                        .isEqualTo("2");
            }
        }

        @Test
        void anotherRootElementShouldBeRefused() throws Exception {
            assertThat(phone.send(
                                    "Find",
                                    WbxmlElement.of(CodePage.SEARCH, "Search")
                                            .add(WbxmlElement.of(CodePage.SEARCH, "Store")))
                            .text(F, "Status"))
                    .hasValue("2");
        }
    }

    @Test
    void findBelowSixteenOneShouldBeAnsweredAsACommandNotServed_MsAscmd_2_2_1_2() throws Exception {
        byte[] body = new WbxmlEncoder().encode(find(mailboxCriterion(freeText(topic), WbxmlElement.of(F, "Options"))));
        for (String version : List.of("16.0", "14.1", "12.1")) {
            EasDevice older = new EasDevice(port, ana.address(), PASSWORD, "Older" + version.replace(".", ""), version)
                    .provision();

            HttpResponse<byte[]> answer = older.post("Find", body);

            assertThat(answer.statusCode()).as("HTTP status at %s", version).isEqualTo(501);
        }
    }
}
