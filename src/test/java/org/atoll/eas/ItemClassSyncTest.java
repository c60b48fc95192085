package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.Devices;
import org.atoll.push.Parking;
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
 * What the session tests of an item class other than Email share: an account of their own with two provisioned
 * devices, a phone and a tablet, the class's default folder, and the steps of a Sync of one collection over real
 * HTTP and WBXML (MS-ASCMD 2.2.1.21).
 */
abstract class ItemClassSyncTest {

    static final String PASSWORD = "correct horse battery";
    static final CodePage A = CodePage.AIRSYNC;
    static final CodePage BASE = CodePage.AIRSYNCBASE;
    static final CodePage H = CodePage.FOLDER_HIERARCHY;
    static final CodePage P = CodePage.PING;
    static final CodePage G = CodePage.GET_ITEM_ESTIMATE;
    static final CodePage M = CodePage.MOVE;

    /** The class as a Ping names it (MS-ASCMD 2.2.3.27.3: Notes, Contacts, Tasks), also naming account and devices. */
    private final String itemClass;

    /** The Type of the class's default folder in FolderSync (MS-ASCMD 2.2.3.186.3). */
    private final int defaultFolderType;

    /** The Type of a user-created folder of the class (MS-ASCMD 2.2.3.186.3). */
    private final int userFolderType;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Devices devices;

    @Autowired
    Parking parking;

    AccountView account;
    EasDevice phone;
    EasDevice tablet;

    /** The account's default folder of the class. */
    long folder;

    ItemClassSyncTest(String itemClass, int defaultFolderType, int userFolderType) {
        this.itemClass = itemClass;
        this.defaultFolderType = defaultFolderType;
        this.userFolderType = userFolderType;
    }

    /** The id of the account's default folder of the class. */
    abstract long defaultFolder(long accountId);

    /** The ApplicationData of a well-formed item of the class, as a device sends it. */
    abstract WbxmlElement sampleData();

    /** The protocol version the devices speak (MS-ASHTTP 2.2.1.1.2.6). */
    String protocolVersion() {
        return "14.1";
    }

    @BeforeEach
    void devices() throws Exception {
        account = TestAccounts.open(accounts, itemClass.toLowerCase());
        phone = device(itemClass + "Phone");
        tablet = device(itemClass + "Tablet");
        folder = defaultFolder(account.id());
    }

    EasDevice device(String deviceId) throws Exception {
        return device(deviceId, protocolVersion());
    }

    EasDevice device(String deviceId, String protocolVersion) throws Exception {
        return new EasDevice(port, account.address(), PASSWORD, deviceId, protocolVersion).provision();
    }

    @Test
    void moveItemsShouldMoveWithinTheClassReachingOthersAsDeleteAndAddWithoutEcho_MsAscmd_2_2_1_12() throws Exception {
        WbxmlElement hierarchy = phone.folderSync("0");
        tablet.folderSync("0");
        WbxmlElement created = phone.send(
                "FolderCreate",
                WbxmlElement.of(H, "FolderCreate")
                        .add("SyncKey", hierarchy.text("SyncKey").orElseThrow())
                        .add("ParentId", "0")
                        .add("DisplayName", "Moved here")
                        .add("Type", Integer.toString(userFolderType)));
        long other = Long.parseLong(created.text("ServerId").orElseThrow());
        WbxmlElement added = sync(
                phone,
                prime(phone),
                c -> c.add(commands(
                        WbxmlElement.of(A, "Add").add("ClientId", "moving").add(sampleData()))));
        String serverId = response(added, "Add").text("ServerId").orElseThrow();
        String phoneKey = key(added);
        String phoneOtherKey = key(sync(phone, other, "0", c -> {}));
        WbxmlElement tabletFirst = sync(tablet, prime(tablet), c -> {});
        assertThat(commandsOf(tabletFirst)).extracting(WbxmlElement::name).containsExactly("Add");
        String tabletOtherKey = key(sync(tablet, other, "0", c -> {}));

        // The phone moves the item to the class's other folder: Status 3 and its new ServerId.
        WbxmlElement moved = phone.send("MoveItems", move(serverId, folder, other));
        WbxmlElement answer = moved.child(M, "Response").orElseThrow();
        assertThat(answer.text(M, "Status")).hasValue("3");
        String movedId = other + ":" + itemId(serverId);
        assertThat(answer.text(M, "DstMsgId")).hasValue(movedId);

        // The tablet gets a Delete in the source and an Add in the target; the phone nothing in either.
        WbxmlElement tabletSource = sync(tablet, key(tabletFirst), c -> {});
        assertThat(commandsOf(tabletSource))
                .extracting(c -> c.name() + " " + c.text("ServerId").orElseThrow())
                .containsExactly("Delete " + serverId);
        WbxmlElement tabletTarget = sync(tablet, other, tabletOtherKey, c -> {});
        assertThat(commandsOf(tabletTarget))
                .extracting(c -> c.name() + " " + c.text("ServerId").orElseThrow())
                .containsExactly("Add " + movedId);
        assertThat(commandsOf(sync(phone, phoneKey, c -> {}))).isEmpty();
        assertThat(commandsOf(sync(phone, other, phoneOtherKey, c -> {}))).isEmpty();

        // A move to a folder of another class (the Inbox, Email) is refused as an invalid destination, Status 2,
        // and leaves the item where it is.
        long inbox = hierarchy.child("Changes").orElseThrow().children("Add").stream()
                .filter(add -> add.text("Type").orElseThrow().equals("2"))
                .map(add -> Long.parseLong(add.text("ServerId").orElseThrow()))
                .findFirst()
                .orElseThrow();
        WbxmlElement refused = phone.send("MoveItems", move(movedId, other, inbox));
        assertThat(refused.child(M, "Response").orElseThrow().text(M, "Status")).hasValue("2");
        assertThat(commandsOf(sync(tablet, other, key(tabletTarget), c -> {}))).isEmpty();
    }

    private static WbxmlElement move(String serverId, long from, long to) {
        return WbxmlElement.of(M, "MoveItems")
                .add(WbxmlElement.of(M, "Move")
                        .add("SrcMsgId", serverId)
                        .add("SrcFldId", Long.toString(from))
                        .add("DstFldId", Long.toString(to)));
    }

    /** The ServerId of the class's default folder in a FolderSync response. */
    String defaultFolderOf(WbxmlElement folderSync) {
        return folderSync.child("Changes").orElseThrow().children("Add").stream()
                .filter(add -> add.text("Type").orElseThrow().equals(Integer.toString(defaultFolderType)))
                .map(add -> add.text("ServerId").orElseThrow())
                .findFirst()
                .orElseThrow();
    }

    /** Syncs the default folder with SyncKey 0 (which brings no item) and returns the new key. */
    String prime(EasDevice device) throws Exception {
        WbxmlElement answer = sync(device, "0", c -> {});
        assertThat(commandsOf(answer)).isEmpty();
        return key(answer);
    }

    WbxmlElement sync(EasDevice device, String syncKey, Consumer<WbxmlElement> extra) throws Exception {
        return sync(device, folder, syncKey, extra);
    }

    /** One Sync of one collection, whose Status must be 1; {@code extra} adds to the Collection element. */
    static WbxmlElement sync(EasDevice device, long folderId, String syncKey, Consumer<WbxmlElement> extra)
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

    static WbxmlElement collection(WbxmlElement response) {
        assertThat(response.text("Status")).as("Sync status").isEmpty();
        return response.child("Collections").orElseThrow().child("Collection").orElseThrow();
    }

    static String key(WbxmlElement response) {
        return collection(response).text("SyncKey").orElseThrow();
    }

    static List<WbxmlElement> commandsOf(WbxmlElement response) {
        return collection(response)
                .child("Commands")
                .map(WbxmlElement::children)
                .orElse(List.of());
    }

    static List<WbxmlElement> responses(WbxmlElement response) {
        return collection(response)
                .child("Responses")
                .map(WbxmlElement::children)
                .orElse(List.of());
    }

    static WbxmlElement response(WbxmlElement response, String name) {
        return responses(response).stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static WbxmlElement commands(WbxmlElement... commands) {
        WbxmlElement list = WbxmlElement.of(A, "Commands");
        for (WbxmlElement command : commands) {
            list.add(command);
        }
        return list;
    }

    /** Each response's command name and Status, in order. */
    static List<Map.Entry<String, String>> statuses(List<WbxmlElement> responses) {
        return responses.stream()
                .map(r -> Map.entry(r.name(), r.text("Status").orElseThrow()))
                .toList();
    }

    /** The item id of a ServerId of the form folder:item. */
    static long itemId(String serverId) {
        return Long.parseLong(serverId.substring(serverId.indexOf(':') + 1));
    }

    /** A Ping on the default folder of the class (MS-ASCMD 2.2.1.13). */
    WbxmlElement ping() {
        return WbxmlElement.of(P, "Ping")
                .add("HeartbeatInterval", "600")
                .add(WbxmlElement.of(P, "Folders")
                        .add(WbxmlElement.of(P, "Folder")
                                .add("Id", Long.toString(folder))
                                .add("Class", itemClass)));
    }

    void awaitParked(String deviceId) throws InterruptedException {
        long devicePk = devices.find(account.id(), deviceId).orElseThrow().id();
        Waiting.until(deviceId + " is parked", () -> parking.isParked(account.id(), devicePk));
    }
}
