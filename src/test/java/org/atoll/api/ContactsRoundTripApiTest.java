package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.contacts.Contact;
import org.atoll.demo.DemoContacts;
import org.atoll.mailbox.ContactContent;
import org.atoll.mailbox.ContactView;
import org.atoll.mailbox.Contacts;
import org.atoll.support.ApiClient;
import org.atoll.support.ApiClient.Reply;
import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The must-show of the vCard format: a thousand contacts of the demo generator, exported from one account through
 * the API as one vCard file, imported through the API into another account, come back with every field equal,
 * pictures included, in vCard 4.0 (RFC 6350) and 3.0 (RFC 2426).
 */
@AtollTest
class ContactsRoundTripApiTest {

    static final String PASSWORD = AccountsApiTest.PASSWORD;

    static final int COUNT = 1000;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Contacts contacts;

    @Test
    void thousandDemoContactsExportedFromOneAccountShouldImportIntoAnotherWithEveryFieldEqual_Rfc6350_Rfc2426() {
        AccountView source = TestAccounts.open(accounts, "vcardsource");
        List<Contact> generated = DemoContacts.generate(20261204L, COUNT);
        assertThat(generated).filteredOn(c -> c.picture() != null).hasSizeGreaterThan(100);
        contacts.createAll(
                source.id(),
                contacts.defaultFolder(source.id()).id(),
                generated.stream().map(ContactContent::new).toList());
        ApiClient exporter = ApiClient.basic(port, source.address(), PASSWORD);

        for (String version : List.of("4.0", "3.0")) {
            Reply export = exporter.get("/api/v1/accounts/" + source.id() + "/contacts.vcf?version=" + version);
            assertThat(export.status()).isEqualTo(200);
            assertThat(export.text()).startsWith("BEGIN:VCARD\r\nVERSION:" + version + "\r\n");

            AccountView target = TestAccounts.open(accounts, "vcardtarget" + version.charAt(0));
            ApiClient importer = ApiClient.basic(port, target.address(), PASSWORD);
            Reply imported = importer.upload(
                    "/api/v1/accounts/" + target.id() + "/contacts.vcf",
                    "text/vcard;charset=UTF-8",
                    export.text().getBytes(StandardCharsets.UTF_8));

            assertThat(imported.status()).isEqualTo(200);
            JsonNode answer = imported.json();
            assertThat(answer.get("refused")).as("refused cards").isEmpty();
            assertThat(answer.get("created")).hasSize(COUNT);
            List<Contact> back = all(target.id());
            assertThat(back).hasSize(COUNT);
            for (int i = 0; i < COUNT; i++) {
                assertThat(back.get(i))
                        .as("contact %d of vCard %s", i + 1, version)
                        .usingRecursiveComparison()
                        .isEqualTo(generated.get(i));
                assertThat(back.get(i)).isEqualTo(generated.get(i));
            }
        }
        assertThat(all(source.id())).containsExactlyElementsOf(generated);
    }

    private List<Contact> all(long accountId) {
        return contacts.page(accountId, null, 0, COUNT).items().stream()
                .map(ContactView::contact)
                .toList();
    }
}
