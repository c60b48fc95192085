package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.atoll.account.AccountView;
import org.atoll.contacts.AddressKind;
import org.atoll.contacts.CardImport;
import org.atoll.contacts.Contact;
import org.atoll.contacts.ContactCards;
import org.atoll.contacts.ContactPicture;
import org.atoll.contacts.PhoneKind;
import org.atoll.contacts.PostalAddress;
import org.atoll.mailbox.ContactContent;
import org.atoll.mailbox.Contacts;
import org.atoll.mailbox.FolderType;
import org.atoll.support.ApiClient;
import org.atoll.support.ApiClient.Reply;
import org.atoll.support.AtollTest;
import org.atoll.support.FolderPhone;
import org.atoll.support.PingBodies;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Contacts through the API: created, read, searched, replaced and deleted as JSON, reaching devices like their own
 * changes; exported as one vCard file that reads back whole, and imported card by card.
 */
@AtollTest
class ContactsApiTest extends ItemApiTestBase {

    ContactsApiTest() {
        super("contactowner", "contacts");
    }

    /** The smallest GIF: one transparent pixel. */
    static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    static final String CARD_ONE = Import.CARD_ONE;

    @Autowired
    Contacts contacts;

    Contact ada;

    @BeforeEach
    void ada() {
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

        long id = contacts.page(owner.id(), null, 0, 1).items().getFirst().id();
        long before = mailboxes.highestModseq(owner.id());

        List<Reply> replies = List.of(
                other.get(base),
                other.get(base + "?q=Lovelace"),
                other.get(base + ".vcf"),
                other.post(base, Map.of("firstName", "Mine now")),
                other.get(base + "/" + id),
                other.put(base + "/" + id, Map.of("firstName", "Changed")),
                other.delete(base + "/" + id),
                other.upload(base + ".vcf", "text/vcard", CARD_ONE.getBytes(StandardCharsets.UTF_8)),
                other.get("/api/v1/accounts/" + intruder.id() + "/contacts/" + id),
                other.put("/api/v1/accounts/" + intruder.id() + "/contacts/" + id, Map.of("firstName", "Changed")),
                other.delete("/api/v1/accounts/" + intruder.id() + "/contacts/" + id));
        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        });
        assertThat(mailboxes.highestModseq(owner.id())).isEqualTo(before);
        assertThat(contacts.contact(owner.id(), id).contact()).isEqualTo(ada);
        assertThat(ApiClient.anonymous(port).get(base + ".vcf").status()).isEqualTo(401);

        ApiClient admin = ApiClient.basic(port, AccountsApiTest.ADMIN, AccountsApiTest.ADMIN_PASSWORD);
        assertThat(admin.get(base).json().get("items").get(0).get("lastName").asString())
                .isEqualTo("Lovelace");
        assertThat(admin.get(base + ".vcf").text()).contains("Lovelace");
    }

    @Test
    void contactsShouldBeCreatedReadSearchedReplacedAndDeletedWithEveryField_MsAscntc_2_2_2() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fileAs", "Núñez, José");
        body.put("firstName", "José");
        body.put("middleName", "Ángel");
        body.put("lastName", "Núñez");
        body.put("title", "Dr.");
        body.put("suffix", "Jr.");
        body.put("nickName", "Pepe");
        body.put("yomiFirstName", "ホセ");
        body.put("yomiLastName", "ヌニェス");
        body.put("companyName", "Atlántico Ltd.");
        body.put("yomiCompanyName", "アトランティコ");
        body.put("department", "Research");
        body.put("jobTitle", "Principal Engineer");
        body.put("officeLocation", "Building 4");
        body.put("emailAddresses", List.of("jose@example.test", "pepe@example.org"));
        body.put("phones", Map.of("mobile", "+34 600 000 005", "business_fax", "+34 910 000 009"));
        body.put(
                "addresses",
                Map.of(
                        "business",
                        Map.of("street", "Calle de Alcalá 1\nPlanta 3", "city", "Madrid", "postalCode", "28014"),
                        "other",
                        Map.of("country", "Schweiz")));
        body.put("birthday", "1980-05-12");
        body.put("anniversary", "2008-09-27");
        body.put("webPage", "https://example.test/~jose");
        body.put("spouse", "María");
        body.put("children", List.of("Lucía", "Mateo"));
        body.put("managerName", "Zoë");
        body.put("assistantName", "Łukasz");
        body.put("imAddresses", List.of("xmpp:jose@example.test"));
        body.put("customerId", "C-0042");
        body.put("governmentId", "X1234567L");
        body.put("accountName", "jnunez");
        body.put("categories", List.of("Clientes"));
        body.put("body", "Met at FOSDEM.\nLikes café con leche.");
        body.put("picture", Base64.getEncoder().encodeToString(PIXEL));

        Reply created = client.post(base, body);

        assertThat(created.status()).isEqualTo(201);
        long id = created.id();
        assertThat(created.header("Location")).hasValue(base + "/" + id);
        assertThat(created.json().get("folderId").asLong())
                .isEqualTo(contacts.defaultFolder(owner.id()).id());
        Contact expected = Contact.builder()
                .fileAs("Núñez, José")
                .firstName("José")
                .middleName("Ángel")
                .lastName("Núñez")
                .title("Dr.")
                .suffix("Jr.")
                .nickName("Pepe")
                .yomiFirstName("ホセ")
                .yomiLastName("ヌニェス")
                .companyName("Atlántico Ltd.")
                .yomiCompanyName("アトランティコ")
                .department("Research")
                .jobTitle("Principal Engineer")
                .officeLocation("Building 4")
                .emailAddresses(List.of("jose@example.test", "pepe@example.org"))
                .phone(PhoneKind.MOBILE, "+34 600 000 005")
                .phone(PhoneKind.BUSINESS_FAX, "+34 910 000 009")
                .address(
                        AddressKind.BUSINESS,
                        new PostalAddress("Calle de Alcalá 1\nPlanta 3", "Madrid", null, "28014", null))
                .address(AddressKind.OTHER, new PostalAddress(null, null, null, null, "Schweiz"))
                .birthday(LocalDate.of(1980, 5, 12))
                .anniversary(LocalDate.of(2008, 9, 27))
                .webPage("https://example.test/~jose")
                .spouse("María")
                .children(List.of("Lucía", "Mateo"))
                .managerName("Zoë")
                .assistantName("Łukasz")
                .imAddresses(List.of("xmpp:jose@example.test"))
                .customerId("C-0042")
                .governmentId("X1234567L")
                .accountName("jnunez")
                .categories(List.of("Clientes"))
                .body("Met at FOSDEM.\nLikes café con leche.")
                .picture(new ContactPicture.Inline(PIXEL))
                .build();
        assertThat(contacts.contact(owner.id(), id).contact()).isEqualTo(expected);

        JsonNode read = client.get(base + "/" + id).json();
        assertThat(read.get("phones").get("business_fax").asString()).isEqualTo("+34 910 000 009");
        assertThat(read.get("addresses").get("business").get("city").asString()).isEqualTo("Madrid");
        assertThat(read.get("children")).hasSize(2);
        assertThat(read.get("hasPicture").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(read.get("picture").asString())).isEqualTo(PIXEL);
        JsonNode listed = client.get(base).json().get("items").get(0);
        assertThat(listed.get("hasPicture").asBoolean()).isTrue();
        assertThat(listed.get("picture").isNull()).isTrue();

        client.post(base, Map.of("firstName", "Grace", "lastName", "Hopper", "companyName", "US Navy"));
        assertThat(client.get(base + "?q=n%C3%BA%C3%B1ez").json().get("total").asLong())
                .isEqualTo(1);
        assertThat(client.get(base + "?q=HOPPER+navy")
                        .json()
                        .get("items")
                        .get(0)
                        .get("firstName")
                        .asString())
                .isEqualTo("Grace");
        assertThat(client.get(base + "?q=600+000+005").json().get("total").asLong())
                .isEqualTo(1);
        assertThat(client.get(base + "?q=pepe%40example").json().get("total").asLong())
                .isEqualTo(1);
        assertThat(client.get(base + "?q=hopper+madrid").json().get("total").asLong())
                .isZero();
        assertThat(client.get(base + "?q=%25").json().get("total").asLong()).isZero();
        assertThat(client.get(base + "?size=1&page=1").json().get("items")).hasSize(1);

        JsonNode replaced = client.put(base + "/" + id, Map.of("firstName", "José", "lastName", "Núñez"))
                .json();
        assertThat(replaced.get("companyName").isNull()).isTrue();
        assertThat(replaced.get("hasPicture").asBoolean()).isFalse();
        assertThat(contacts.contact(owner.id(), id).contact())
                .isEqualTo(Contact.builder().firstName("José").lastName("Núñez").build());

        assertThat(client.delete(base + "/" + id).status()).isEqualTo(204);
        assertThat(client.get(base + "/" + id).status()).isEqualTo(404);
        assertThat(client.delete(base + "/" + id).status()).isEqualTo(404);
        assertThat(client.put(base + "/" + id, Map.of("firstName", "Ghost")).status())
                .isEqualTo(404);
        assertThat(client.get(base).json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void malformedContactsShouldBeRefusedWithNothingStored() {
        long before = mailboxes.highestModseq(owner.id());
        List<Reply> replies = List.of(
                client.unchecked(
                        "POST",
                        base,
                        Map.of("emailAddresses", List.of("a@example.test", "b@example.test", "c@example.test", "d@x"))),
                client.unchecked("POST", base, Map.of("phones", Map.of("satellite", "+1 555"))),
                client.unchecked("POST", base, Map.of("addresses", Map.of("home", Map.of()))),
                client.unchecked("POST", base, Map.of("birthday", "1815-13-10")),
                client.unchecked("POST", base, Map.of("firstName", "Nul\u0000")),
                client.unchecked("POST", base, Map.of("firstName", "x".repeat(4097))),
                client.unchecked("POST", base, Map.of("picture", "not base64!")),
                client.unchecked(
                        "POST",
                        base,
                        Map.of(
                                "picture",
                                Base64.getEncoder().encodeToString(new byte[ContactContent.MAX_PICTURE + 1]))),
                client.unchecked("POST", base, Map.of("firstName", "Ada", "favouriteColour", "blue")),
                client.post(base, Map.of("firstName", "Nowhere", "folderId", mailFolder())));
        assertThat(replies).extracting(Reply::status).containsExactly(400, 400, 400, 400, 400, 400, 400, 400, 400, 404);
        assertThat(replies).allSatisfy(reply -> assertThat(reply.contentType()).startsWith("application/problem+json"));
        assertThat(mailboxes.highestModseq(owner.id())).isEqualTo(before);
        assertThat(contacts.count(owner.id(), null)).isZero();
    }

    @Test
    void contactCreatedThroughTheApiShouldReachADeviceOnItsNextSyncAndWakeItsPing_MsAscmd_2_2_1_13() throws Exception {
        long folder = contacts.defaultFolder(owner.id()).id();
        FolderPhone phone = syncedPhone("ApiContactsPhone", folder);
        CompletableFuture<WbxmlElement> ping = phone.parkPing("Contacts", devices, parking);

        long id = client.post(
                        base,
                        Map.of(
                                "firstName",
                                "Ada",
                                "lastName",
                                "Lovelace",
                                "phones",
                                Map.of("mobile", "+47 22 33 44 55")))
                .id();

        WbxmlElement woken = Waiting.result(ping);
        assertThat(woken.text("Status")).hasValue("2");
        assertThat(PingBodies.changed(woken)).containsExactly(Long.toString(folder));
        List<WbxmlElement> commands = phone.syncCommands();
        assertThat(commands).extracting(WbxmlElement::name).containsExactly("Add");
        assertThat(commands.getFirst().text("ServerId").orElseThrow()).endsWith(":" + id);
        WbxmlElement data = commands.getFirst().child("ApplicationData").orElseThrow();
        assertThat(data.text(CodePage.CONTACTS, "FirstName")).hasValue("Ada");
        assertThat(data.text(CodePage.CONTACTS, "MobilePhoneNumber")).hasValue("+47 22 33 44 55");

        client.put(base + "/" + id, Map.of("firstName", "Ada", "lastName", "King"));
        WbxmlElement change = phone.syncCommands().getFirst();
        assertThat(change.name()).isEqualTo("Change");
        assertThat(change.child("ApplicationData").orElseThrow().text(CodePage.CONTACTS, "LastName"))
                .hasValue("King");
        client.delete(base + "/" + id);
        assertThat(phone.syncCommands()).extracting(WbxmlElement::name).containsExactly("Delete");
    }

    @Nested
    class Import {

        static final String CARD_ONE = """
                BEGIN:VCARD\r
                VERSION:3.0\r
                N:Lovelace;Ada;;;\r
                FN:Ada Lovelace\r
                EMAIL;TYPE=INTERNET:ada@example.test\r
                TEL;TYPE=CELL:+44 20 0000 0000\r
                END:VCARD\r
                """;

        static final String BAD_BIRTHDAY = """
                BEGIN:VCARD\r
                VERSION:4.0\r
                FN:Charles Babbage\r
                N:Babbage;Charles;;;\r
                BDAY:sometime in december\r
                END:VCARD\r
                """;

        static final String CARD_TWO = """
                BEGIN:VCARD\r
                VERSION:4.0\r
                FN:Grace Hopper\r
                N:Hopper;Grace;Brewster;Rear Admiral;\r
                ORG:US Navy;Bureau of Ordnance\r
                BDAY:19061209\r
                ADR;TYPE=work:;;1 Navy Way;Arlington;VA;22201;USA\r
                END:VCARD\r
                """;

        static final String TWO_MOBILES = """
                BEGIN:VCARD\r
                VERSION:4.0\r
                FN:Two Mobiles\r
                TEL;TYPE=cell:+1 555 0100\r
                TEL;TYPE=cell:+1 555 0101\r
                END:VCARD\r
                """;

        static final String NOBODY = """
                BEGIN:VCARD\r
                VERSION:4.0\r
                NOTE:a card about no one\r
                END:VCARD\r
                """;

        @Test
        void eachMalformedCardShouldBeRefusedWithItsIndexAndTheOthersStoredWhole_Rfc6350_Rfc2426() {
            String file = CARD_ONE + BAD_BIRTHDAY + CARD_TWO + TWO_MOBILES + NOBODY + bigPicture();
            long before = mailboxes.highestModseq(owner.id());

            Reply reply = client.upload(base + ".vcf", "text/vcard", file.getBytes(StandardCharsets.UTF_8));

            assertThat(reply.status()).isEqualTo(200);
            JsonNode answer = reply.json();
            assertThat(answer.get("created"))
                    .extracting(n -> n.get("index").asInt())
                    .containsExactly(1, 3);
            assertThat(answer.get("refused"))
                    .extracting(n -> n.get("index").asInt())
                    .containsExactly(2, 4, 5, 6);
            assertThat(answer.get("refused").get(0).get("reason").asString()).contains("BDAY");
            assertThat(answer.get("refused").get(1).get("reason").asString()).contains("telephone");
            assertThat(answer.get("refused").get(2).get("reason").asString()).contains("names nobody");
            assertThat(answer.get("refused").get(3).get("reason").asString()).contains("picture");
            long ada = answer.get("created").get(0).get("id").asLong();
            long grace = answer.get("created").get(1).get("id").asLong();
            assertThat(contacts.contact(owner.id(), ada).contact())
                    .isEqualTo(Contact.builder()
                            .firstName("Ada")
                            .lastName("Lovelace")
                            .emailAddresses(List.of("ada@example.test"))
                            .phone(PhoneKind.MOBILE, "+44 20 0000 0000")
                            .build());
            assertThat(contacts.contact(owner.id(), grace).contact())
                    .isEqualTo(Contact.builder()
                            .fileAs("Grace Hopper")
                            .firstName("Grace")
                            .middleName("Brewster")
                            .lastName("Hopper")
                            .title("Rear Admiral")
                            .companyName("US Navy")
                            .department("Bureau of Ordnance")
                            .birthday(LocalDate.of(1906, 12, 9))
                            .address(
                                    AddressKind.BUSINESS,
                                    new PostalAddress("1 Navy Way", "Arlington", "VA", "22201", "USA"))
                            .build());
            assertThat(contacts.count(owner.id(), null)).isEqualTo(2);
            assertThat(mailboxes.highestModseq(owner.id()))
                    .as("the stored cards are one change")
                    .isEqualTo(before + 1);
        }

        @Test
        void fileOfOnlyMalformedCardsShouldStoreNothing() {
            long before = mailboxes.highestModseq(owner.id());

            JsonNode answer = client.upload(
                            base + ".vcf", "text/x-vcard", (BAD_BIRTHDAY + NOBODY).getBytes(StandardCharsets.UTF_8))
                    .json();

            assertThat(answer.get("created")).isEmpty();
            assertThat(answer.get("refused")).hasSize(2);
            assertThat(mailboxes.highestModseq(owner.id())).isEqualTo(before);
        }

        @Test
        void importShouldRefuseWhatIsNoVcardFileWithNothingStored() {
            long before = mailboxes.highestModseq(owner.id());

            assertThat(client.upload(base + ".vcf", "text/vcard", "hello".getBytes(StandardCharsets.UTF_8))
                            .status())
                    .isEqualTo(400);
            assertThat(client.upload(base + ".vcf", "text/vcard", new byte[] {(byte) 0xC3, 0x28})
                            .status())
                    .isEqualTo(400);
            assertThat(client.upload(
                                    base + ".vcf?folderId=" + mailFolder(),
                                    "text/vcard",
                                    CARD_ONE.getBytes(StandardCharsets.UTF_8))
                            .status())
                    .isEqualTo(404);
            byte[] huge = new byte[16 * 1024 * 1024 + 1];
            java.util.Arrays.fill(huge, (byte) 'A');
            assertThat(client.upload(base + ".vcf", "text/vcard", huge).status())
                    .isEqualTo(413);
            assertThat(client.unchecked("POST", base + ".vcf", CARD_ONE).status())
                    .isEqualTo(415);
            assertThat(mailboxes.highestModseq(owner.id())).isEqualTo(before);
        }

        @Test
        void importedCardsShouldGoToTheContactsFolderNamed() {
            long folder = mailboxes
                    .createFolder(owner.id(), null, "Clients", FolderType.USER_CONTACTS)
                    .id();

            JsonNode answer = client.upload(
                            base + ".vcf?folderId=" + folder, "text/vcard", CARD_TWO.getBytes(StandardCharsets.UTF_8))
                    .json();

            long id = answer.get("created").get(0).get("id").asLong();
            assertThat(contacts.contact(owner.id(), id).folderId()).isEqualTo(folder);
        }

        /** A card whose picture is larger than a contact keeps (MS-ASCNTC 2.2.2.58). */
        private static String bigPicture() {
            Contact pictured = Contact.builder()
                    .firstName("Pictured")
                    .picture(new ContactPicture.Inline(new byte[ContactContent.MAX_PICTURE + 1]))
                    .build();
            return ContactCards.write(List.of(pictured), ezvcard.VCardVersion.V4_0);
        }
    }
}
