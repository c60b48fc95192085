package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.Waiting.result;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.contacts.AddressKind;
import org.atoll.contacts.Contact;
import org.atoll.contacts.PhoneKind;
import org.atoll.contacts.PostalAddress;
import org.atoll.device.Devices;
import org.atoll.mailbox.ContactContent;
import org.atoll.mailbox.Contacts;
import org.atoll.push.Parking;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Contacts (MS-ASCNTC) through Sync, GetItemEstimate, Ping and FolderCreate over real HTTP and WBXML, with two
 * devices of one user: what one device does to a contact reaches the other exactly once and never comes back to
 * itself.
 */
@AtollTest
class ContactsSyncTest {

    private static final String PASSWORD = "correct horse battery";
    private static final CodePage A = CodePage.AIRSYNC;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;
    private static final CodePage C = CodePage.CONTACTS;
    private static final CodePage C2 = CodePage.CONTACTS2;
    private static final CodePage H = CodePage.FOLDER_HIERARCHY;
    private static final CodePage P = CodePage.PING;
    private static final CodePage G = CodePage.GET_ITEM_ESTIMATE;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Contacts contacts;

    @Autowired
    Devices devices;

    @Autowired
    Parking parking;

    AccountView account;
    EasDevice phone;
    EasDevice tablet;
    long contactsFolder;

    @BeforeEach
    void devices() throws Exception {
        account = TestAccounts.open(accounts, "contacts");
        phone = new EasDevice(port, account.address(), PASSWORD, "ContactsPhone").provision();
        tablet = new EasDevice(port, account.address(), PASSWORD, "ContactsTablet").provision();
        contactsFolder = contacts.defaultFolder(account.id()).id();
    }

    // ---- the must-show session

    @Test
    void aContactCreatedEditedAndDeletedOnOneDeviceShouldReachTheOtherExactlyOnce_MsAscntc_2_2_2_MsAscmd_2_2_1_21()
            throws Exception {
        // Step 1: both devices list the Contacts folder (MS-ASCMD 2.2.3.186.3, Type 9) and prime it (SyncKey 0).
        assertThat(contactsFolderOf(phone.folderSync("0"))).isEqualTo(Long.toString(contactsFolder));
        assertThat(contactsFolderOf(tablet.folderSync("0"))).isEqualTo(Long.toString(contactsFolder));
        String phoneKey = prime(phone);
        String tabletKey = prime(tablet);
        tabletKey = key(sync(tablet, tabletKey, c -> {}));

        // Step 2: the tablet parks a Ping on its Contacts folder (MS-ASCMD 2.2.1.13, Class Contacts).
        CompletableFuture<WbxmlElement> ping = tablet.sendAsync("Ping", contactsPing());
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
                .containsExactly(Long.toString(contactsFolder));

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
                .add("ServerId", contactsFolder + ":999999999")
                .add(contactData("Gone", "+1 555 0199", "Nowhere"));

        WbxmlElement answer = sync(phone, key, c -> c.add(commands(badBirthday, noteElement, fine, unknown)));

        assertThat(statuses(responses(answer)))
                .containsExactly(
                        Map.entry("Add", "6"), Map.entry("Add", "6"), Map.entry("Add", "1"), Map.entry("Change", "8"));
        assertThat(contacts.inFolder(account.id(), contactsFolder, null, 50))
                .extracting(c -> c.contact().firstName())
                .containsExactly("Grace");
    }

    @Test
    void getItemEstimateShouldCountPendingContacts_MsAscmd_2_2_1_9() throws Exception {
        tablet.folderSync("0");
        String key = prime(tablet);
        contacts.create(account.id(), contactsFolder, content("One"));
        contacts.create(account.id(), contactsFolder, content("Two"));

        WbxmlElement estimate = tablet.send(
                        "GetItemEstimate",
                        WbxmlElement.of(G, "GetItemEstimate")
                                .add(WbxmlElement.of(G, "Collections")
                                        .add(WbxmlElement.of(G, "Collection")
                                                .add(A, "SyncKey", key)
                                                .add("CollectionId", Long.toString(contactsFolder)))))
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

    /** The ServerId of the folder of Type 9 in a FolderSync response. */
    private static String contactsFolderOf(WbxmlElement folderSync) {
        return folderSync.child("Changes").orElseThrow().children("Add").stream()
                .filter(add -> add.text("Type").orElseThrow().equals("9"))
                .map(add -> add.text("ServerId").orElseThrow())
                .findFirst()
                .orElseThrow();
    }

    private String prime(EasDevice device) throws Exception {
        WbxmlElement answer = sync(device, "0", c -> {});
        assertThat(commandsOf(answer)).isEmpty();
        return key(answer);
    }

    private WbxmlElement sync(EasDevice device, String syncKey, Consumer<WbxmlElement> extra) throws Exception {
        return sync(device, contactsFolder, syncKey, extra);
    }

    private static WbxmlElement sync(EasDevice device, long folderId, String syncKey, Consumer<WbxmlElement> extra)
            throws Exception {
        WbxmlElement collection =
                WbxmlElement.of(A, "Collection").add("SyncKey", syncKey).add("CollectionId", Long.toString(folderId));
        extra.accept(collection);
        WbxmlElement response = device.send(
                "Sync",
                WbxmlElement.of(A, "Sync").add(WbxmlElement.of(A, "Collections").add(collection)));
        assertThat(collection(response).text("Status")).as("collection status").hasValue("1");
        return response;
    }

    private static WbxmlElement collection(WbxmlElement response) {
        assertThat(response.text("Status")).as("Sync status").isEmpty();
        return response.child("Collections").orElseThrow().child("Collection").orElseThrow();
    }

    private static String key(WbxmlElement response) {
        return collection(response).text("SyncKey").orElseThrow();
    }

    private static List<WbxmlElement> commandsOf(WbxmlElement response) {
        return collection(response)
                .child("Commands")
                .map(WbxmlElement::children)
                .orElse(List.of());
    }

    private static List<WbxmlElement> responses(WbxmlElement response) {
        return collection(response)
                .child("Responses")
                .map(WbxmlElement::children)
                .orElse(List.of());
    }

    private static WbxmlElement response(WbxmlElement response, String name) {
        return responses(response).stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static WbxmlElement commands(WbxmlElement... commands) {
        WbxmlElement list = WbxmlElement.of(A, "Commands");
        for (WbxmlElement command : commands) {
            list.add(command);
        }
        return list;
    }

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

    /** The item id of a ServerId of the form folder:item. */
    private static long itemId(String serverId) {
        return Long.parseLong(serverId.substring(serverId.indexOf(':') + 1));
    }

    private WbxmlElement contactsPing() {
        return WbxmlElement.of(P, "Ping")
                .add("HeartbeatInterval", "600")
                .add(WbxmlElement.of(P, "Folders")
                        .add(WbxmlElement.of(P, "Folder")
                                .add("Id", Long.toString(contactsFolder))
                                .add("Class", "Contacts")));
    }

    private void awaitParked(String deviceId) throws InterruptedException {
        long devicePk = devices.find(account.id(), deviceId).orElseThrow().id();
        Waiting.until(deviceId + " is parked", () -> parking.isParked(account.id(), devicePk));
    }

    /** Each response's command name and Status, in order. */
    private static List<Map.Entry<String, String>> statuses(List<WbxmlElement> responses) {
        return responses.stream()
                .map(r -> Map.entry(r.name(), r.text("Status").orElseThrow()))
                .toList();
    }
}
