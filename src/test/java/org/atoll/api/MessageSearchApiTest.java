package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.ApiClient;
import org.atoll.support.AtollTest;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Full-text search of a mailbox through the REST API: the same matches a device's Search of the mailbox gets. */
@AtollTest
class MessageSearchApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    AccountView owner;
    ApiClient client;
    long inbox;
    String word;

    @BeforeEach
    void mailbox() {
        owner = TestAccounts.open(accounts, "searcher");
        client = ApiClient.basic(port, owner.address(), AccountsApiTest.PASSWORD);
        inbox = mailboxes.systemFolder(owner.id(), SystemFolder.INBOX).id();
        word = "zs" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theOwnerShouldFindTheirMessagesByAWordNewestFirst() {
        MessageView first = mailboxes.deliver(owner.id(), inbox, Mime.message("Budget " + word), null);
        MessageView second = mailboxes.deliver(owner.id(), inbox, Mime.message("Re: Budget " + word), null);
        mailboxes.deliver(owner.id(), inbox, Mime.message("Lunch"), null);

        ApiClient.Reply reply = client.get("/api/v1/accounts/" + owner.id() + "/messages?q=" + word);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode page = reply.json();
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("items").valueStream().map(m -> m.get("id").asLong()))
                .containsExactly(second.id(), first.id());
        assertThat(page.get("items").get(0).get("subject").asString()).isEqualTo("Re: Budget " + word);
    }

    @Test
    void aFolderShouldNarrowTheSearch() {
        long projects = mailboxes
                .createFolder(owner.id(), null, "Projects", FolderType.USER_MAIL)
                .id();
        mailboxes.deliver(owner.id(), inbox, Mime.message(word), null);
        MessageView there = mailboxes.deliver(owner.id(), projects, Mime.message(word), null);

        JsonNode page = client.get("/api/v1/accounts/" + owner.id() + "/messages?q=" + word + "&folderId=" + projects)
                .json();

        assertThat(page.get("items").valueStream().map(m -> m.get("id").asLong()))
                .containsExactly(there.id());
    }

    @Test
    void anotherUsersMailboxShouldNotBeSearched() {
        AccountView other = TestAccounts.open(accounts, "searched");
        long theirs = mailboxes.systemFolder(other.id(), SystemFolder.INBOX).id();
        mailboxes.deliver(other.id(), theirs, Mime.message(word), null);

        assertThat(client.get("/api/v1/accounts/" + other.id() + "/messages?q=" + word)
                        .status())
                .isEqualTo(404);
        assertThat(client.get("/api/v1/accounts/" + owner.id() + "/messages?q=" + word + "&folderId=" + theirs)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anAdministratorShouldSearchAnyMailbox() {
        MessageView stored = mailboxes.deliver(owner.id(), inbox, Mime.message(word), null);
        ApiClient admin = ApiClient.basic(port, AccountsApiTest.ADMIN, AccountsApiTest.ADMIN_PASSWORD);

        JsonNode page = admin.get("/api/v1/accounts/" + owner.id() + "/messages?q=" + word)
                .json();

        assertThat(page.get("items").valueStream().map(m -> m.get("id").asLong()))
                .containsExactly(stored.id());
    }

    @Test
    void aQueryOfNoWordsOrTooLargeAPageShouldBeRefused() {
        assertThat(client.unchecked("GET", "/api/v1/accounts/" + owner.id() + "/messages?q=%20", null)
                        .status())
                .isEqualTo(400);
        assertThat(client.unchecked("GET", "/api/v1/accounts/" + owner.id() + "/messages?q=x&size=101", null)
                        .status())
                .isEqualTo(400);
    }
}
