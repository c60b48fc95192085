package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.AccessState;
import org.atoll.device.Devices;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** FolderSync (MS-ASCMD 2.2.1.5) as two devices of one account see it, over real HTTP and WBXML. */
@AtollTest
class FolderSyncTest {

    /** The protocol version the test's devices speak; a subclass runs the same tests at another. */
    String protocolVersion() {
        return "14.1";
    }

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Devices devices;

    AccountView account;
    EasDevice phone;
    EasDevice tablet;

    @BeforeEach
    void twoDevices() {
        account = TestAccounts.open(accounts, "folders");
        phone = new EasDevice(port, account.address(), "correct horse battery", "PhoneOne", protocolVersion());
        tablet = new EasDevice(port, account.address(), "correct horse battery", "TabletTwo", protocolVersion());
    }

    static List<String> names(WbxmlElement response, String kind) {
        return response.child("Changes").orElseThrow().children(kind).stream()
                .map(e -> e.text("DisplayName").orElse(e.text("ServerId").orElseThrow()))
                .toList();
    }

    @Test
    void commandsBeforeProvisionShouldGetStatus142() throws Exception {
        assertThat(phone.folderSync("0").text("Status")).hasValue("142");
    }

    @Test
    void wrongPolicyKeyShouldGetStatus144() throws Exception {
        phone.provision();
        phone.usePolicyKey(phone.policyKey() ^ 1);

        assertThat(phone.folderSync("0").text("Status")).hasValue("144");
    }

    @Test
    void changedPolicyShouldAskForProvisionAgainWithStatus143() throws Exception {
        phone.provision();
        jdbc.sql("UPDATE mobile_policy SET version = version + 1 WHERE is_default")
                .update();
        try {
            assertThat(phone.folderSync("0").text("Status")).hasValue("143");
            phone.provision();
            assertThat(phone.folderSync("0").text("Status")).hasValue("1");
        } finally {
            jdbc.sql("UPDATE mobile_policy SET version = version - 1 WHERE is_default")
                    .update();
        }
    }

    @Test
    void syncKey0ShouldListEveryFolder() throws Exception {
        phone.provision();
        byte[] vector;
        try (InputStream in = getClass().getResourceAsStream("/wbxml-vectors/foldersync-request-key0.wbxml")) {
            vector = in.readAllBytes();
        }

        WbxmlElement response =
                new WbxmlDecoder().decode(phone.post("FolderSync", vector).body());

        assertThat(response.text("Status")).hasValue("1");
        assertThat(response.text("SyncKey")).hasValue("1");
        assertThat(response.child("Changes").orElseThrow().text("Count")).hasValue("10");
        assertThat(names(response, "Add"))
                .containsExactlyInAnyOrder(
                        "Inbox",
                        "Drafts",
                        "Deleted Items",
                        "Sent Items",
                        "Outbox",
                        "Junk Email",
                        "Notes",
                        "Contacts",
                        "Tasks",
                        "Calendar");
        WbxmlElement inbox = response.child("Changes").orElseThrow().children("Add").stream()
                .filter(e -> e.text("DisplayName").orElseThrow().equals("Inbox"))
                .findFirst()
                .orElseThrow();
        assertThat(inbox.text("ParentId")).hasValue("0");
        assertThat(inbox.text("Type")).hasValue("2");
    }

    @Test
    void folderChangesMadeAnywhereShouldReachEveryDeviceOnItsNextFolderSync() throws Exception {
        phone.provision();
        tablet.provision();
        String phoneKey = phone.folderSync("0").text("SyncKey").orElseThrow();
        String tabletKey = tablet.folderSync("0").text("SyncKey").orElseThrow();

        FolderView receipts = mailboxes.createFolder(account.id(), null, "Receipts", FolderType.USER_MAIL);
        FolderView travel = mailboxes.createFolder(account.id(), null, "Travel", FolderType.USER_MAIL);
        FolderView fleeting = mailboxes.createFolder(account.id(), null, "Fleeting", FolderType.USER_MAIL);
        mailboxes.deleteFolder(account.id(), fleeting.id());

        WbxmlElement phoneSees = phone.folderSync(phoneKey);
        assertThat(names(phoneSees, "Add")).containsExactly("Receipts", "Travel");
        phoneKey = phoneSees.text("SyncKey").orElseThrow();

        mailboxes.updateFolder(account.id(), travel.id(), receipts.id(), "Trips");
        mailboxes.deleteFolder(account.id(), receipts.id());

        WbxmlElement phoneNext = phone.folderSync(phoneKey);
        assertThat(names(phoneNext, "Add")).isEmpty();
        assertThat(names(phoneNext, "Delete"))
                .containsExactlyInAnyOrder(Long.toString(receipts.id()), Long.toString(travel.id()));

        WbxmlElement tabletSees = tablet.folderSync(tabletKey);
        assertThat(names(tabletSees, "Add")).isEmpty();
        assertThat(names(tabletSees, "Update")).isEmpty();
        assertThat(names(tabletSees, "Delete")).isEmpty();
    }

    @Test
    void renameShouldArriveAsAnUpdateWithTheNewParent() throws Exception {
        phone.provision();
        FolderView projects = mailboxes.createFolder(account.id(), null, "Projects", FolderType.USER_MAIL);
        String key = phone.folderSync("0").text("SyncKey").orElseThrow();
        long inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();

        mailboxes.updateFolder(account.id(), projects.id(), inbox, "Active projects");

        WbxmlElement update = phone.folderSync(key)
                .child("Changes")
                .orElseThrow()
                .child("Update")
                .orElseThrow();
        assertThat(update.text("ServerId")).hasValue(Long.toString(projects.id()));
        assertThat(update.text("DisplayName")).hasValue("Active projects");
        assertThat(update.text("ParentId")).hasValue(Long.toString(inbox));
    }

    @Test
    void resentPreviousKeyShouldGetTheSameAnswerAgain_MsAscmd_3_1_5_9() throws Exception {
        phone.provision();
        String first = phone.folderSync("0").text("SyncKey").orElseThrow();
        mailboxes.createFolder(account.id(), null, "Lost in transit", FolderType.USER_MAIL);

        WbxmlElement answer = phone.folderSync(first);
        WbxmlElement replay = phone.folderSync(first);

        assertThat(replay).isEqualTo(answer);
        assertThat(names(replay, "Add")).containsExactly("Lost in transit");
        String second = answer.text("SyncKey").orElseThrow();
        assertThat(names(phone.folderSync(second), "Add")).isEmpty();
        assertThat(phone.folderSync(first).text("Status")).hasValue("9");
    }

    @Test
    void unknownKeysShouldGetStatus9AndAMissingKeyStatus10() throws Exception {
        phone.provision();
        assertThat(phone.folderSync("7").text("Status")).hasValue("9");
        phone.folderSync("0");
        assertThat(phone.folderSync("99").text("Status")).hasValue("9");
        assertThat(phone.send("FolderSync", WbxmlElement.of(CodePage.FOLDER_HIERARCHY, "FolderSync"))
                        .text("Status"))
                .hasValue("10");
    }

    /** Keys another server issued, left on a phone after a migration: the device starts over (MS-ASCMD 2.2.3.177.5). */
    @ParameterizedTest
    @ValueSource(strings = {"{5D4A9E2C-7B1F-4C3A-9E8D-2F6B1A0C9D34}17", "abc", "-1", "1234567890123456789012", "0x10"})
    void keysThisServerNeverIssuedShouldGetStatus9(String foreignKey) throws Exception {
        phone.provision();
        String key = phone.folderSync("0").text("SyncKey").orElseThrow();

        assertThat(phone.folderSync(foreignKey).text("Status")).hasValue("9");
        assertThat(phone.send("FolderCreate", folderCreate(foreignKey, "0", "Never made"))
                        .text("Status"))
                .hasValue("9");
        assertThat(phone.folderSync(key).text("Status")).hasValue("1");
        assertThat(names(phone.folderSync("0"), "Add")).doesNotContain("Never made");
    }

    static WbxmlElement folderCreate(String key, String parent, String name) {
        return WbxmlElement.of(CodePage.FOLDER_HIERARCHY, "FolderCreate")
                .add("SyncKey", key)
                .add("ParentId", parent)
                .add("DisplayName", name)
                .add("Type", "12");
    }

    @Test
    void folderCreatedOnOneDeviceShouldReachTheOtherAndNotEchoBack_MsAscmd_2_2_1_2() throws Exception {
        phone.provision();
        tablet.provision();
        String phoneKey = phone.folderSync("0").text("SyncKey").orElseThrow();
        String tabletKey = tablet.folderSync("0").text("SyncKey").orElseThrow();

        WbxmlElement created = phone.send("FolderCreate", folderCreate(phoneKey, "0", "From the phone"));

        assertThat(created.text("Status")).hasValue("1");
        String serverId = created.text("ServerId").orElseThrow();
        String nextKey = created.text("SyncKey").orElseThrow();
        assertThat(nextKey).isNotEqualTo(phoneKey);
        assertThat(mailboxes.folders(account.id())).extracting(FolderView::name).contains("From the phone");
        assertThat(names(phone.folderSync(nextKey), "Add")).isEmpty();
        WbxmlElement tabletSees = tablet.folderSync(tabletKey);
        assertThat(names(tabletSees, "Add")).containsExactly("From the phone");
        assertThat(tabletSees
                        .child("Changes")
                        .orElseThrow()
                        .child("Add")
                        .orElseThrow()
                        .text("ServerId"))
                .hasValue(serverId);
    }

    @Test
    void folderUpdateAndDeleteFromADeviceShouldReachTheOtherDevice() throws Exception {
        phone.provision();
        tablet.provision();
        FolderView archive = mailboxes.createFolder(account.id(), null, "Archive", FolderType.USER_MAIL);
        String phoneKey = phone.folderSync("0").text("SyncKey").orElseThrow();
        String tabletKey = tablet.folderSync("0").text("SyncKey").orElseThrow();

        WbxmlElement renamed = phone.send(
                "FolderUpdate",
                WbxmlElement.of(CodePage.FOLDER_HIERARCHY, "FolderUpdate")
                        .add("SyncKey", phoneKey)
                        .add("ServerId", Long.toString(archive.id()))
                        .add("ParentId", "0")
                        .add("DisplayName", "Old mail"));
        assertThat(renamed.text("Status")).hasValue("1");
        WbxmlElement tabletSees = tablet.folderSync(tabletKey);
        assertThat(names(tabletSees, "Update")).containsExactly("Old mail");
        tabletKey = tabletSees.text("SyncKey").orElseThrow();

        WbxmlElement deleted = phone.send(
                "FolderDelete",
                WbxmlElement.of(CodePage.FOLDER_HIERARCHY, "FolderDelete")
                        .add("SyncKey", renamed.text("SyncKey").orElseThrow())
                        .add("ServerId", Long.toString(archive.id())));
        assertThat(deleted.text("Status")).hasValue("1");
        assertThat(names(tablet.folderSync(tabletKey), "Delete")).containsExactly(Long.toString(archive.id()));
        assertThat(names(phone.folderSync(deleted.text("SyncKey").orElseThrow()), "Delete"))
                .isEmpty();
    }

    @Test
    void folderCommandsShouldAnswerTheirStatusCodesAndChangeNothing() throws Exception {
        phone.provision();
        String key = phone.folderSync("0").text("SyncKey").orElseThrow();
        mailboxes.createFolder(account.id(), null, "Taken", FolderType.USER_MAIL);
        long inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        int folders = mailboxes.folders(account.id()).size();

        assertThat(phone.send("FolderCreate", folderCreate(key, "0", "taken")).text("Status"))
                .hasValue("2");
        assertThat(phone.send("FolderCreate", folderCreate(key, "987654321", "Orphan"))
                        .text("Status"))
                .hasValue("5");
        assertThat(phone.send("FolderCreate", folderCreate("12345", "0", "Stale key"))
                        .text("Status"))
                .hasValue("9");
        assertThat(phone.send(
                                "FolderDelete",
                                WbxmlElement.of(CodePage.FOLDER_HIERARCHY, "FolderDelete")
                                        .add("SyncKey", key)
                                        .add("ServerId", Long.toString(inbox)))
                        .text("Status"))
                .hasValue("3");
        assertThat(phone.send(
                                "FolderDelete",
                                WbxmlElement.of(CodePage.FOLDER_HIERARCHY, "FolderDelete")
                                        .add("SyncKey", key)
                                        .add("ServerId", "987654321"))
                        .text("Status"))
                .hasValue("4");
        assertThat(mailboxes.folders(account.id())).hasSize(folders);
        assertThat(phone.folderSync(key).text("Status")).hasValue("1");
    }

    @Test
    void blockedDeviceShouldGetStatus129OnEveryCommandWhileOthersSync() throws Exception {
        phone.provision();
        tablet.provision();
        devices.setAccess(account.id(), "PhoneOne", AccessState.BLOCKED, "Lost on a train");

        assertThat(phone.folderSync("0").text("Status")).hasValue("129");
        assertThat(phone.send(
                                "Provision",
                                WbxmlElement.of(CodePage.PROVISION, "Provision")
                                        .add(WbxmlElement.of(CodePage.PROVISION, "Policies")
                                                .add(WbxmlElement.of(CodePage.PROVISION, "Policy")
                                                        .add("PolicyType", "MS-EAS-Provisioning-WBXML"))))
                        .text("Status"))
                .hasValue("129");
        assertThat(tablet.folderSync("0").text("Status")).hasValue("1");

        devices.setAccess(account.id(), "PhoneOne", AccessState.ALLOWED, null);
        assertThat(phone.folderSync("0").text("Status")).hasValue("1");
    }
}
