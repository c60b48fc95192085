package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.atoll.account.AccountView;
import org.atoll.mailbox.Notes;
import org.atoll.support.ApiClient;
import org.atoll.support.ApiClient.Reply;
import org.atoll.support.AtollTest;
import org.atoll.support.FolderPhone;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Notes through the API: pages, reads, and changes that reach devices through the journal like theirs. */
@AtollTest
class NotesApiTest extends ItemApiTestBase {

    NotesApiTest() {
        super("noteowner", "notes");
    }

    @Autowired
    Notes notes;

    @Test
    void notesShouldBeCreatedListedInPagesReadReplacedAndDeleted() {
        Reply created = client.post(base, Map.of("subject", "Shopping", "body", "milk", "categories", List.of("Home")));
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).hasValue(base + "/" + id);
        assertThat(created.json().get("folderId").asLong())
                .isEqualTo(notes.defaultFolder(owner.id()).id());
        assertThat(created.json().get("messageClass").asString()).isEqualTo("IPM.StickyNote");
        client.post(base, Map.of("subject", "Second"));
        client.post(base, Map.of("subject", "Third"));

        JsonNode first = client.get(base + "?size=2").json();
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(first.get("items")).hasSize(2);
        assertThat(client.get(base + "?size=2&page=1").json().get("items")).hasSize(1);
        assertThat(client.get(base + "?q=MILK").json().get("items"))
                .extracting(n -> n.get("id").asLong())
                .containsExactly(id);
        assertThat(client.get(base + "?q=home+shop").json().get("total").asLong())
                .isEqualTo(1);
        assertThat(client.get(base + "?q=third&size=1").json().get("total").asLong())
                .isEqualTo(1);
        assertThat(client.get(base + "?q=milk+third").json().get("total").asLong())
                .isZero();
        assertThat(client.unchecked("GET", base + "?q=" + "x".repeat(257), null).status())
                .isEqualTo(400);

        JsonNode replaced = client.put(base + "/" + id, Map.of("subject", "Shopping", "body", "milk, bread"))
                .json();
        assertThat(replaced.get("body").asString()).isEqualTo("milk, bread");
        assertThat(replaced.get("categories")).isEmpty();
        assertThat(client.get(base + "/" + id).json().get("body").asString()).isEqualTo("milk, bread");

        assertThat(client.delete(base + "/" + id).status()).isEqualTo(204);
        assertThat(client.get(base + "/" + id).status()).isEqualTo(404);
        assertThat(client.delete(base + "/" + id).status()).isEqualTo(404);
        assertThat(client.get(base).json().get("total").asLong()).isEqualTo(2);
    }

    @Test
    void noteWrittenThroughTheApiShouldReachADeviceOnItsNextSync_MsAsnote_2_2_2() throws Exception {
        long folder = notes.defaultFolder(owner.id()).id();
        FolderPhone phone = syncedPhone("ApiNotesPhone", folder);

        client.post(base, Map.of("subject", "From the web", "body", "typed in a browser"));

        List<WbxmlElement> commands = phone.syncCommands();
        assertThat(commands).extracting(WbxmlElement::name).containsExactly("Add");
        assertThat(commands.getFirst().child("ApplicationData").orElseThrow().text(CodePage.NOTES, "Subject"))
                .hasValue("From the web");
    }

    @Test
    void malformedNotesShouldBeRefusedWithNothingStored() {
        long before = mailboxes.highestModseq(owner.id());
        List<Reply> replies = List.of(
                client.post(base, Map.of("subject", "Wrong class", "messageClass", "IPM.Note")),
                client.unchecked("POST", base, Map.of("subject", "x".repeat(256))),
                client.unchecked("POST", base, Map.of("body", "no subject")),
                client.post(base, Map.of("subject", "Nowhere", "folderId", mailFolder())));
        assertThat(replies).extracting(Reply::status).containsExactly(400, 400, 400, 404);
        assertThat(mailboxes.highestModseq(owner.id())).isEqualTo(before);
    }

    @Test
    void userShouldReachNoOtherAccountsNotesButAnAdministratorShould() {
        long id =
                client.post(base, Map.of("subject", "Private")).json().get("id").asLong();
        AccountView intruder = TestAccounts.open(accounts, "noteintruder");
        ApiClient other = ApiClient.basic(port, intruder.address(), PASSWORD);
        long before = mailboxes.highestModseq(owner.id());

        List<Reply> replies = List.of(
                other.get(base),
                other.post(base, Map.of("subject", "Mine now")),
                other.get(base + "/" + id),
                other.put(base + "/" + id, Map.of("subject", "Changed")),
                other.delete(base + "/" + id),
                other.get("/api/v1/accounts/" + intruder.id() + "/notes/" + id));
        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        });
        assertThat(mailboxes.highestModseq(owner.id())).isEqualTo(before);

        ApiClient admin = ApiClient.basic(port, AccountsApiTest.ADMIN, AccountsApiTest.ADMIN_PASSWORD);
        assertThat(admin.get(base + "/" + id).json().get("subject").asString()).isEqualTo("Private");
    }
}
