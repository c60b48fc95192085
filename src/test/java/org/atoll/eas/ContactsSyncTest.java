package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.Waiting.result;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.atoll.contacts.AddressKind;
import org.atoll.contacts.Contact;
import org.atoll.contacts.PhoneKind;
import org.atoll.contacts.PostalAddress;
import org.atoll.mailbox.ContactContent;
import org.atoll.mailbox.Contacts;
import org.atoll.support.AtollTest;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Contacts (MS-ASCNTC) through Sync, GetItemEstimate, Ping and FolderCreate over real HTTP and WBXML, with two
 * devices of one user: what one device does to a contact reaches the other exactly once and never comes back to
 * itself.
 */
@AtollTest
class ContactsSyncTest extends ItemClassSyncTest {

    private static final CodePage C = CodePage.CONTACTS;
    private static final CodePage C2 = CodePage.CONTACTS2;

    @Autowired
    Contacts contacts;

    ContactsSyncTest() {
        super("Contacts", 9, 14);
    }

    @Override
    long defaultFolder(long accountId) {
        return contacts.defaultFolder(accountId).id();
    }

    @Override
    WbxmlElement sampleData() {
        return contactData("Moving", "+1 555 0100", "Oslo");
    }

    // ---- the must-show session

    @Test
    void aContactCreatedEditedAndDeletedOnOneDeviceShouldReachTheOtherExactlyOnce_MsAscntc_2_2_2_MsAscmd_2_2_1_21()
            throws Exception {
        // Step 1: both devices list the Contacts folder (MS-ASCMD 2.2.3.186.3, Type 9) and prime it (SyncKey 0).
        assertThat(defaultFolderOf(phone.folderSync("0"))).isEqualTo(Long.toString(folder));
        assertThat(defaultFolderOf(tablet.folderSync("0"))).isEqualTo(Long.toString(folder));
        String phoneKey = prime(phone);
        String tabletKey = prime(tablet);
        tabletKey = key(sync(tablet, tabletKey, c -> {}));

        // Step 2: the tablet parks a Ping on its Contacts folder (MS-ASCMD 2.2.1.13, Class Contacts).
        CompletableFuture<WbxmlElement> ping = tablet.sendAsync("Ping", ping());
        awaitParked("ContactsTablet");

        // Step 3: the phone adds a contact (MS-ASCMD 2.2.3.7.2 Add with ClientId); the Ping wakes with the folder.
        WbxmlElement addRequest = commands(WbxmlElement.of(A, "Add")
                .add("ClientId", "phone-1")
                .add(contactData("Ada", "+47 22 33 44 55", "Oslo")));
        WbxmlElement added = sync(phone, phoneKey, c -> c.add(addRequest));
        String serverId = response(added, "Add").text("ServerId").orElseThrow();
        assertThat(response(added, "Add").text("Status")).hasValue("1");
        WbxmlElement woken = result(ping);
        assertThat(woken.text("Status")).hasValue("2");
        assertThat(woken.child("Folders").orElseThrow().children(P, "Folder"))
                .extracting(f -> f.text().orElseThrow())
                .containsExactly(Long.toString(folder));

        // Step 4: the phone lost the answer and sends the same request again with the same SyncKey
        // (MS-ASCMD 3.1.5.9): the same ServerId, and still one contact, stored with every field the phone sent.
        WbxmlElement retried = sync(phone, phoneKey, c -> c.add(addRequest));
        assertThat(response(retried, "Add").text("ServerId")).hasValue(serverId);
        assertThat(key(retried)).isEqualTo(key(added));
        assertThat(contacts.count(account.id(), null)).isEqualTo(1);
        Contact stored = contacts.contact(account.id(), itemId(serverId)).contact();
        assertThat(stored)
                .isEqualTo(Contact.builder()
                        .firstName("Ada")
                        .lastName("Lovelace")
                        .fileAs("Lovelace, Ada")
                        .companyName("Analytical Engines")
                        .emailAddresses(List.of("ada@example.org", "ada.l@example.net"))
                        .phone(PhoneKind.MOBILE, "+47 22 33 44 55")
                        .phone(PhoneKind.COMPANY_MAIN, "+47 22 00 00 00")
                        .address(AddressKind.HOME, new PostalAddress("Storgata 1", "Oslo", null, "0155", "Norway"))
                        .birthday(LocalDate.of(1815, 12, 10))
                        .categories(List.of("Friends"))
                        .body("Met at the conference")
                        .build());
        phoneKey = key(retried);

        // Step 5: the tablet gets exactly that contact; the phone gets no echo.
        WbxmlElement tabletSees = sync(tablet, tabletKey, c -> {});
        assertThat(commandsOf(tabletSees)).extracting(WbxmlElement::name).containsExactly("Add");
        WbxmlElement contact = commandsOf(tabletSees).getFirst();
        assertThat(contact.text("ServerId")).hasValue(serverId);
        WbxmlElement data = contact.child("ApplicationData").orElseThrow();
        assertThat(data.text(C, "FirstName")).hasValue("Ada");
        assertThat(data.text(C, "LastName")).hasValue("Lovelace");
        assertThat(data.text(C, "Email1Address")).hasValue("ada@example.org");
        assertThat(data.text(C, "Email2Address")).hasValue("ada.l@example.net");
        assertThat(data.text(C, "MobilePhoneNumber")).hasValue("+47 22 33 44 55");
        assertThat(data.text(C, "HomeAddressCity")).hasValue("Oslo");
        assertThat(data.text(C, "HomeAddressPostalCode")).hasValue("0155");
        assertThat(data.text(C, "Birthday").orElseThrow()).startsWith("1815-12-10T");
        assertThat(data.text(C2, "CompanyMainPhone")).hasValue("+47 22 00 00 00");
        assertThat(data.child(BASE, "Body").orElseThrow().text(BASE, "Data")).hasValue("Met at the conference");
        assertThat(data.child(C, "Categories").orElseThrow().children(C, "Category"))
                .extracting(c -> c.text().orElseThrow())
                .containsExactly("Friends");
        tabletKey = key(tabletSees);
        WbxmlElement phoneQuiet = sync(phone, phoneKey, c -> {});
        assertThat(commandsOf(phoneQuiet)).isEmpty();
        phoneKey = key(phoneQuiet);

        // Step 6: the phone edits the contact (MS-ASCMD 2.2.3.24 Change, the whole item); the tablet gets one Change
        // with the new number and city, the phone none.
        WbxmlElement changed = sync(
                phone,
                phoneKey,
                c -> c.add(commands(WbxmlElement.of(A, "Change")
                        .add("ServerId", serverId)
                        .add(contactData("Ada", "+47 99 88 77 66", "Bergen")))));
        assertThat(responses(changed)).isEmpty();
        phoneKey = key(changed);
        WbxmlElement tabletChange = sync(tablet, tabletKey, c -> {});
        assertThat(commandsOf(tabletChange)).extracting(WbxmlElement::name).containsExactly("Change");
        WbxmlElement changedData =
                commandsOf(tabletChange).getFirst().child("ApplicationData").orElseThrow();
        assertThat(changedData.text(C, "MobilePhoneNumber")).hasValue("+47 99 88 77 66");
        assertThat(changedData.text(C, "HomeAddressCity")).hasValue("Bergen");
        tabletKey = key(tabletChange);
        WbxmlElement phoneAfterChange = sync(phone, phoneKey, c -> {});
        assertThat(commandsOf(phoneAfterChange)).isEmpty();
        phoneKey = key(phoneAfterChange);

        // Step 7: the phone deletes it; the tablet gets one Delete, the phone none, and the store holds nothing.
        WbxmlElement deleted = sync(
                phone,
                phoneKey,
                c -> c.add(commands(WbxmlElement.of(A, "Delete").add("ServerId", serverId))));
        assertThat(responses(deleted)).isEmpty();
        phoneKey = key(deleted);
        WbxmlElement tabletDelete = sync(tablet, tabletKey, c -> {});
        assertThat(commandsOf(tabletDelete)).extracting(WbxmlElement::name).containsExactly("Delete");
        assertThat(commandsOf(tabletDelete).getFirst().text("ServerId")).hasValue(serverId);
        assertThat(commandsOf(sync(phone, phoneKey, c -> {}))).isEmpty();
        assertThat(commandsOf(sync(tablet, key(tabletDelete), c -> {}))).isEmpty();
        assertThat(contacts.count(account.id(), null)).isZero();
    }

    // ---- statuses

    @Test
    void malformedContactShouldGetStatus6AndUnknownOneStatus8_MsAscmd_2_2_3_177_17() throws Exception {
        phone.folderSync("0");
        String key = prime(phone);
        WbxmlElement badBirthday = WbxmlElement.of(A, "Add")
                .add("ClientId", "bad-date")
                .add(WbxmlElement.of(A, "ApplicationData")
                        .add(C, "FirstName", "Bad")
                        .add(C, "Birthday", "10.12.1815"));
        WbxmlElement noteElement = WbxmlElement.of(A, "Add")
                .add("ClientId", "note-element")
                .add(WbxmlElement.of(A, "ApplicationData")
                        .add(C, "FirstName", "Wrong class")
                        .add(CodePage.NOTES, "Subject", "a note's element"));
        WbxmlElement fine =
                WbxmlElement.of(A, "Add").add("ClientId", "fine").add(contactData("Grace", "+1 555 0100", "Arlington"));
        WbxmlElement unknown = WbxmlElement.of(A, "Change")
                .add("ServerId", folder + ":999999999")
                .add(contactData("Gone", "+1 555 0199", "Nowhere"));

        WbxmlElement answer = sync(phone, key, c -> c.add(commands(badBirthday, noteElement, fine, unknown)));

        assertThat(statuses(responses(answer)))
                .containsExactly(
                        Map.entry("Add", "6"), Map.entry("Add", "6"), Map.entry("Add", "1"), Map.entry("Change", "8"));
        assertThat(contacts.inFolder(account.id(), folder, null, 50))
                .extracting(c -> c.contact().firstName())
                .containsExactly("Grace");
    }

    @Test
    void getItemEstimateShouldCountPendingContacts_MsAscmd_2_2_1_9() throws Exception {
        tablet.folderSync("0");
        String key = prime(tablet);
        contacts.create(account.id(), folder, content("One"));
        contacts.create(account.id(), folder, content("Two"));

        WbxmlElement estimate = tablet.send(
                        "GetItemEstimate",
                        WbxmlElement.of(G, "GetItemEstimate")
                                .add(WbxmlElement.of(G, "Collections")
                                        .add(WbxmlElement.of(G, "Collection")
                                                .add(A, "SyncKey", key)
                                                .add("CollectionId", Long.toString(folder)))))
                .child("Response")
                .orElseThrow();

        assertThat(estimate.text("Status")).hasValue("1");
        assertThat(estimate.child("Collection").orElseThrow().text("Estimate")).hasValue("2");
    }

    @Test
    void folderCreateOfType14ShouldMakeAContactsFolderThatSyncsContacts_MsAscmd_2_2_1_3() throws Exception {
        String folderKey = phone.folderSync("0").text("SyncKey").orElseThrow();
        WbxmlElement created = phone.send(
                "FolderCreate",
                WbxmlElement.of(H, "FolderCreate")
                        .add("SyncKey", folderKey)
                        .add("ParentId", "0")
                        .add("DisplayName", "Club")
                        .add("Type", "14"));
        assertThat(created.text("Status")).hasValue("1");
        long club = Long.parseLong(created.text("ServerId").orElseThrow());

        String key = key(sync(phone, club, "0", c -> {}));
        WbxmlElement added = sync(
                phone,
                club,
                key,
                c -> c.add(commands(WbxmlElement.of(A, "Add")
                        .add("ClientId", "member")
                        .add(contactData("Edsger", "+31 20 000 0000", "Nuenen")))));

        assertThat(response(added, "Add").text("Status")).hasValue("1");
        assertThat(contacts.inFolder(account.id(), club, null, 10))
                .extracting(c -> c.contact().firstName())
                .containsExactly("Edsger");
    }

    // ---- helpers

    /**
     * A contact's ApplicationData as MS-ASCNTC 2.2.2 shows it: names, two e-mail addresses, a mobile and a company
     * number (Contacts2), a home address, a birthday at 11:59 UTC as Exchange writes it, categories and notes.
     */
    private static WbxmlElement contactData(String firstName, String mobile, String city) {
        return WbxmlElement.of(A, "ApplicationData")
                .add(WbxmlElement.of(BASE, "Body").add("Type", "1").add("Data", "Met at the conference"))
                .add(C, "Birthday", "1815-12-10T11:59:00.000Z")
                .add(WbxmlElement.of(C, "Categories").add("Category", "Friends"))
                .add(C, "CompanyName", "Analytical Engines")
                .add(C, "Email1Address", "ada@example.org")
                .add(C, "Email2Address", "ada.l@example.net")
                .add(C, "FileAs", "Lovelace, " + firstName)
                .add(C, "FirstName", firstName)
                .add(C, "HomeAddressCity", city)
                .add(C, "HomeAddressCountry", "Norway")
                .add(C, "HomeAddressPostalCode", "0155")
                .add(C, "HomeAddressStreet", "Storgata 1")
                .add(C, "LastName", "Lovelace")
                .add(C, "MobilePhoneNumber", mobile)
                .add(C2, "CompanyMainPhone", "+47 22 00 00 00");
    }

    private static ContactContent content(String firstName) {
        return new ContactContent(Contact.builder().firstName(firstName).build());
    }
}
