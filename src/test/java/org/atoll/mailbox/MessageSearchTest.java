package org.atoll.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.support.AtollTest;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@AtollTest
class MessageSearchTest {

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    MessageSearch search;

    @Autowired
    JdbcClient jdbc;

    AccountView account;
    long inbox;

    @BeforeEach
    void openAccount() {
        account = TestAccounts.open(accounts, "search");
        inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
    }

    long id() {
        return account.id();
    }

    static byte[] message(String from, String subject, String body) {
        return ("From: " + from + "\r\nTo: Bo Example <bo@example.net>\r\nSubject: " + subject
                        + "\r\nMessage-ID: <" + java.util.UUID.randomUUID() + "@atoll.test>"
                        + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] html(String subject, String body) {
        return ("From: ana@example.org\r\nSubject: " + subject
                        + "\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>" + body
                        + "</p></body></html>\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    SearchResults words(String text) {
        return search.search(id(), MessageQuery.words(text), 0, 100);
    }

    @Nested
    class Words {

        @Test
        void aWordOfTheSubjectAddressesOrBodyShouldFindTheMessage() {
            MessageView budget = mailboxes.deliver(
                    id(), inbox, message("Carla Díaz <carla@finance.example>", "Budget 2027", "see the numbers"), null);
            MessageView lunch = mailboxes.deliver(
                    id(), inbox, message("dan@kitchen.example", "Lunch", "the quarterly ravioli review"), null);

            assertThat(words("budget").messages()).extracting(MessageView::id).containsExactly(budget.id());
            assertThat(words("Díaz").messages()).extracting(MessageView::id).containsExactly(budget.id());
            assertThat(words("carla@finance.example").messages())
                    .extracting(MessageView::id)
                    .containsExactly(budget.id());
            assertThat(words("finance.example").messages())
                    .extracting(MessageView::id)
                    .containsExactly(budget.id());
            assertThat(words("ravioli").messages()).extracting(MessageView::id).containsExactly(lunch.id());
            assertThat(words("example").total()).isEqualTo(2);
        }

        @Test
        void anEditedDraftShouldBeFoundByWhatItSaysNowAndNoLongerByWhatItSaid() {
            long drafts = mailboxes.systemFolder(id(), SystemFolder.DRAFTS).id();
            MessageView draft = mailboxes.deliver(
                    id(), drafts, message("bo@example.net", "Offsite agenda", "first thoughts on lighthouses"), null);

            mailboxes.rewrite(
                    id(), draft.id(), message("bo@example.net", "Offsite plan", "second thoughts on windmills"));

            assertThat(words("windmills").messages())
                    .extracting(MessageView::id)
                    .containsExactly(draft.id());
            assertThat(words("plan").messages()).extracting(MessageView::id).containsExactly(draft.id());
            assertThat(words("lighthouses").total()).isZero();
            assertThat(words("agenda").total()).isZero();
        }

        @Test
        void everyWordShouldBeRequiredAndEachMayBeTheStartOfAWord() {
            MessageView both = mailboxes.deliver(id(), inbox, message("a@x.example", "Quarterly budget", "x"), null);
            mailboxes.deliver(id(), inbox, message("a@x.example", "Quarterly report", "x"), null);

            assertThat(words("quart budg").messages())
                    .extracting(MessageView::id)
                    .containsExactly(both.id());
            assertThat(words("QUARTERLY").total()).isEqualTo(2);
        }

        @Test
        void theTextOfAnHtmlBodyShouldBeFoundButNotItsMarkup() {
            MessageView stored = mailboxes.deliver(id(), inbox, html("Note", "<b>zucchini</b> harvest"), null);

            assertThat(words("zucchini").messages()).extracting(MessageView::id).containsExactly(stored.id());
            assertThat(words("html").total()).isZero();
        }

        @Test
        void wordsLaterInALongBodyThanThePreviewShouldBeFound() {
            String filler = "lorem ipsum dolor sit amet ".repeat(400);
            MessageView stored =
                    mailboxes.deliver(id(), inbox, message("a@x.example", "Long", filler + "pomegranate"), null);

            assertThat(stored.preview()).doesNotContain("pomegranate");
            assertThat(words("pomegranate").messages())
                    .extracting(MessageView::id)
                    .containsExactly(stored.id());
        }

        @Test
        void quotesBackslashesAndOperatorsShouldBeWordsNotSyntax() {
            mailboxes.deliver(id(), inbox, message("a@x.example", "Plain", "nothing special"), null);

            assertThat(words("it's & | ! ( \\ ' :*").total()).isZero();
            assertThat(words("' nothing").total()).isEqualTo(1);
        }

        @Test
        void resultsShouldBeNewestFirstAndPagedByRangeWithTheirTotal() {
            MessageView older = mailboxes.deliver(
                    id(), inbox, message("a@x.example", "Olive one", "x"), Instant.parse("2026-01-01T00:00:00Z"));
            MessageView newer = mailboxes.deliver(
                    id(), inbox, message("a@x.example", "Olive two", "x"), Instant.parse("2026-02-01T00:00:00Z"));
            MessageView newest = mailboxes.deliver(
                    id(), inbox, message("a@x.example", "Olive three", "x"), Instant.parse("2026-03-01T00:00:00Z"));

            SearchResults first = search.search(id(), MessageQuery.words("olive"), 0, 2);
            SearchResults second = search.search(id(), MessageQuery.words("olive"), 2, 2);

            assertThat(first.messages()).extracting(MessageView::id).containsExactly(newest.id(), newer.id());
            assertThat(first.total()).isEqualTo(3);
            assertThat(second.messages()).extracting(MessageView::id).containsExactly(older.id());
            assertThat(second.total()).isEqualTo(3);
        }
    }

    @Nested
    class Criteria {

        @Test
        void foldersShouldNarrowTheSearchAndDeepTraversalShouldTakeTheirSubfolders() {
            FolderView projects = mailboxes.createFolder(id(), null, "Projects", FolderType.USER_MAIL);
            FolderView archive = mailboxes.createFolder(id(), projects.id(), "Archive", FolderType.USER_MAIL);
            MessageView inInbox = mailboxes.deliver(id(), inbox, message("a@x.example", "Kiwi", "x"), null);
            MessageView inProjects = mailboxes.deliver(id(), projects.id(), message("a@x.example", "Kiwi", "x"), null);
            MessageView inArchive = mailboxes.deliver(id(), archive.id(), message("a@x.example", "Kiwi", "x"), null);

            var shallow = new MessageQuery("kiwi", Set.of(projects.id()), false, null, null, null);
            var deep = new MessageQuery("kiwi", Set.of(projects.id()), true, null, null, null);

            assertThat(search.search(id(), shallow, 0, 10).messages())
                    .extracting(MessageView::id)
                    .containsExactly(inProjects.id());
            assertThat(search.search(id(), deep, 0, 10).messages())
                    .extracting(MessageView::id)
                    .containsExactlyInAnyOrder(inProjects.id(), inArchive.id())
                    .doesNotContain(inInbox.id());
        }

        @Test
        void receivedDatesShouldBoundTheSearchExclusively() {
            Instant jan = Instant.parse("2026-01-01T00:00:00Z");
            Instant feb = Instant.parse("2026-02-01T00:00:00Z");
            Instant mar = Instant.parse("2026-03-01T00:00:00Z");
            mailboxes.deliver(id(), inbox, message("a@x.example", "Fig", "x"), jan);
            MessageView middle = mailboxes.deliver(id(), inbox, message("a@x.example", "Fig", "x"), feb);
            mailboxes.deliver(id(), inbox, message("a@x.example", "Fig", "x"), mar);

            var between = new MessageQuery("fig", Set.of(), false, jan, mar, null);

            assertThat(search.search(id(), between, 0, 10).messages())
                    .extracting(MessageView::id)
                    .containsExactly(middle.id());
        }

        @Test
        void aThreadAloneShouldListTheConversation() {
            MessageView first = mailboxes.deliver(id(), inbox, Mime.message("Plan", "<plan@atoll.test>", null), null);
            MessageView reply = mailboxes.deliver(
                    id(), inbox, Mime.message("Re: Plan", "<re@atoll.test>", "<plan@atoll.test>"), null);
            mailboxes.deliver(id(), inbox, Mime.message("Other"), null);

            var thread = new MessageQuery("", Set.of(), false, null, null, first.threadId());

            assertThat(search.search(id(), thread, 0, 10).messages())
                    .extracting(MessageView::id)
                    .containsExactlyInAnyOrder(first.id(), reply.id());
        }

        @Test
        void aFolderOfAnotherAccountShouldBeRefused() {
            AccountView other = TestAccounts.open(accounts, "search-other");
            long theirs = mailboxes.systemFolder(other.id(), SystemFolder.INBOX).id();

            assertThatThrownBy(() ->
                            search.search(id(), new MessageQuery("x", Set.of(theirs), false, null, null, null), 0, 10))
                    .isInstanceOf(FolderNotFound.class);
        }

        @Test
        void aQueryWithoutCriteriaOrWithTooManyWordsShouldBeRefused() {
            assertThatThrownBy(() -> words("  ")).isInstanceOf(InvalidMailboxRequest.class);
            assertThatThrownBy(() -> words("a b c d e f g h i j k l m n o p q"))
                    .isInstanceOf(InvalidMailboxRequest.class);
            assertThatThrownBy(() -> search.search(id(), MessageQuery.words("x"), -1, 10))
                    .isInstanceOf(InvalidMailboxRequest.class);
        }
    }

    @Nested
    class Isolation {

        @Test
        void anotherAccountsMessagesShouldNeverBeFound() {
            AccountView other = TestAccounts.open(accounts, "search-other");
            long theirInbox =
                    mailboxes.systemFolder(other.id(), SystemFolder.INBOX).id();
            mailboxes.deliver(other.id(), theirInbox, message("a@x.example", "Secret papaya", "x"), null);

            assertThat(words("papaya").total()).isZero();
        }

        @Test
        void aDeletedMessageShouldLeaveTheIndex() {
            MessageView stored = mailboxes.deliver(id(), inbox, message("a@x.example", "Mango", "x"), null);

            mailboxes.deletePermanently(id(), java.util.List.of(stored.id()));

            assertThat(words("mango").total()).isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM message_search WHERE account_id = ?")
                            .param(id())
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void aMovedMessageShouldBeFoundInItsNewFolder() {
            FolderView projects = mailboxes.createFolder(id(), null, "Moved", FolderType.USER_MAIL);
            MessageView stored = mailboxes.deliver(id(), inbox, message("a@x.example", "Lychee", "x"), null);

            mailboxes.move(id(), java.util.List.of(stored.id()), projects.id());

            var there = new MessageQuery("lychee", Set.of(projects.id()), false, null, null, null);
            assertThat(search.search(id(), there, 0, 10).messages())
                    .extracting(MessageView::folderId)
                    .containsExactly(projects.id());
        }
    }
}
