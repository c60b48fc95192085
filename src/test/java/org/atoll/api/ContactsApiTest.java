package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.contacts.AddressKind;
import org.atoll.contacts.CardImport;
import org.atoll.contacts.Contact;
import org.atoll.contacts.ContactCards;
import org.atoll.contacts.PhoneKind;
import org.atoll.contacts.PostalAddress;
import org.atoll.mailbox.ContactContent;
import org.atoll.mailbox.Contacts;
import org.atoll.support.ApiClient;
import org.atoll.support.ApiClient.Reply;
import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Contacts through the API: pages of them as JSON, and all of them as one vCard file that reads back whole. */
@AtollTest
class ContactsApiTest {

    static final String PASSWORD = AccountsApiTest.PASSWORD;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Contacts contacts;

    AccountView owner;
    ApiClient client;
    String base;
    Contact ada;

    @BeforeEach
    void account() {
        owner = TestAccounts.open(accounts, "contactowner");
        client = ApiClient.basic(port, owner.address(), PASSWORD);
        base = "/api/v1/accounts/" + owner.id() + "/contacts";
        ada = Contact.builder()
                .firstName("Ada")
                .lastName("Lovelace")
                .fileAs("Lovelace, Ada")
                .companyName("Analytical Engines")
                .jobTitle("Programmer")
                .emailAddresses(List.of("ada@example.org"))
                .phone(PhoneKind.MOBILE, "+47 22 33 44 55")
                .address(AddressKind.HOME, new PostalAddress("Storgata 1", "Oslo", null, "0155", "Norway"))
                .birthday(LocalDate.of(1815, 12, 10))
                .categories(List.of("Friends"))
                .body("Met at the conference")
                .build();
    }

    @Test
    void contactsShouldBeListedInPagesWithTheirNamesAddressesAndNumbers() {
        long folder = contacts.defaultFolder(owner.id()).id();
        contacts.create(owner.id(), folder, new ContactContent(ada));
        contacts.create(
                owner.id(),
                folder,
                new ContactContent(Contact.builder().firstName("Grace").build()));
        contacts.create(
                owner.id(),
                folder,
                new ContactContent(Contact.builder().firstName("Edsger").build()));

        JsonNode first = client.get(base + "?size=2").json();
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(first.get("items")).hasSize(2);
        JsonNode listed = first.get("items").get(0);
        assertThat(listed.get("folderId").asLong()).isEqualTo(folder);
        assertThat(listed.get("firstName").asString()).isEqualTo("Ada");
        assertThat(listed.get("emailAddresses").get(0).asString()).isEqualTo("ada@example.org");
        assertThat(listed.get("phones").get("mobile").asString()).isEqualTo("+47 22 33 44 55");
        assertThat(listed.get("birthday").asString()).isEqualTo("1815-12-10");
        assertThat(client.get(base + "?size=2&page=1").json().get("items")).hasSize(1);
        assertThat(client.unchecked("GET", base + "?size=0", null).status()).isEqualTo(400);
    }

    @Test
    void vcardExportShouldReadBackAsTheStoredContacts_Rfc6350() {
        long folder = contacts.defaultFolder(owner.id()).id();
        Contact grace = Contact.builder().firstName("Grace").lastName("Hopper").build();
        contacts.create(owner.id(), folder, new ContactContent(ada));
        contacts.create(owner.id(), folder, new ContactContent(grace));

        for (String version : List.of("4.0", "3.0")) {
            Reply export = client.get(base + ".vcf?version=" + version);

            assertThat(export.status()).isEqualTo(200);
            assertThat(export.contentType()).startsWith("text/vcard");
            assertThat(export.text()).contains("VERSION:" + version);
            CardImport read = ContactCards.read(export.text());
            assertThat(read.refused()).isEmpty();
            assertThat(read.accepted()).containsExactly(ada, grace);
        }
        assertThat(client.unchecked("GET", base + ".vcf?version=2.1", null).status())
                .isEqualTo(400);
    }

    @Test
    void userShouldReachNoOtherAccountsContactsButAnAdministratorShould() {
        contacts.create(owner.id(), contacts.defaultFolder(owner.id()).id(), new ContactContent(ada));
        AccountView intruder = TestAccounts.open(accounts, "contactintruder");
        ApiClient other = ApiClient.basic(port, intruder.address(), PASSWORD);

        assertThat(other.get(base).status()).isEqualTo(404);
        assertThat(other.get(base + ".vcf").status()).isEqualTo(404);
        assertThat(ApiClient.anonymous(port).get(base + ".vcf").status()).isEqualTo(401);

        ApiClient admin = ApiClient.basic(port, AccountsApiTest.ADMIN, AccountsApiTest.ADMIN_PASSWORD);
        assertThat(admin.get(base).json().get("items").get(0).get("lastName").asString())
                .isEqualTo("Lovelace");
        assertThat(admin.get(base + ".vcf").text()).contains("Lovelace");
    }
}
