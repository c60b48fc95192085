package org.atoll.support;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.atoll.account.AccountView;
import org.atoll.device.Devices;
import org.atoll.push.Parking;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;

/**
 * A provisioned phone that has synced one folder of contacts, tasks or notes to its end, for tests of a change made
 * elsewhere (the REST API) that must reach the phone with its next Sync (MS-ASCMD 2.2.1.21) and wake its Ping
 * (MS-ASCMD 2.2.1.13).
 */
public final class FolderPhone {

    private static final CodePage A = CodePage.AIRSYNC;
    private static final CodePage P = CodePage.PING;

    private final EasDevice device;
    private final AccountView account;
    private final String deviceId;
    private final long folderId;
    private String key = "0";

    private FolderPhone(EasDevice device, AccountView account, String deviceId, long folderId) {
        this.device = device;
        this.account = account;
        this.deviceId = deviceId;
        this.folderId = folderId;
    }

    /** Provisions the phone, syncs its folder hierarchy, then the folder from SyncKey 0 until it holds all. */
    public static FolderPhone synced(int port, AccountView account, String password, String deviceId, long folderId)
            throws Exception {
        EasDevice device = new EasDevice(port, account.address(), password, deviceId).provision();
        device.folderSync("0");
        FolderPhone phone = new FolderPhone(device, account, deviceId, folderId);
        phone.sync();
        phone.sync();
        return phone;
    }

    /**
     * Sends a Ping on the folder, which holds items of {@code itemClass} ({@code Contacts}, {@code Tasks},
     * {@code Notes}), and returns once the server has parked it; the future completes with the Ping's answer.
     */
    public CompletableFuture<WbxmlElement> parkPing(String itemClass, Devices devices, Parking parking)
            throws InterruptedException {
        CompletableFuture<WbxmlElement> ping = device.sendAsync(
                "Ping",
                WbxmlElement.of(P, "Ping")
                        .add("HeartbeatInterval", "600")
                        .add(WbxmlElement.of(P, "Folders")
                                .add(WbxmlElement.of(P, "Folder")
                                        .add("Id", Long.toString(folderId))
                                        .add("Class", itemClass))));
        long devicePk = devices.find(account.id(), deviceId).orElseThrow().id();
        Waiting.until("the phone's Ping is parked", () -> parking.isParked(account.id(), devicePk));
        return ping;
    }

    /** The commands (Add, Change, Delete) the folder's next Sync brings, in order; none when it brings none. */
    public List<WbxmlElement> syncCommands() throws Exception {
        return sync().child("Collection")
                .flatMap(collection -> collection.child("Commands"))
                .map(WbxmlElement::children)
                .orElse(List.of());
    }

    /** Syncs the folder under the last key and keeps the new one; returns the Collections element. */
    private WbxmlElement sync() throws Exception {
        WbxmlElement collections = device.send(
                        "Sync",
                        WbxmlElement.of(A, "Sync")
                                .add(WbxmlElement.of(A, "Collections")
                                        .add(WbxmlElement.of(A, "Collection")
                                                .add("SyncKey", key)
                                                .add("CollectionId", Long.toString(folderId)))))
                .child("Collections")
                .orElseThrow();
        key = collections.child("Collection").orElseThrow().text("SyncKey").orElseThrow();
        return collections;
    }
}
