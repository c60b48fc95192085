package org.atoll.eas.command;

import org.atoll.device.DeviceView;
import org.atoll.eas.request.EasCommand;
import org.atoll.mailbox.FolderView;
import org.atoll.sync.FolderChange;
import org.atoll.sync.FolderSyncResult;
import org.atoll.sync.FolderSyncs;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.springframework.stereotype.Component;

/** FolderSync (MS-ASCMD 2.2.1.5): the folder hierarchy changes since the device's SyncKey. */
@Component
public class FolderSyncCommand implements EasCommandHandler {

    /** FolderSync Status values, MS-ASCMD 2.2.3.177.5. */
    enum Status {
        SUCCESS(1),
        INVALID_SYNC_KEY(9),
        MALFORMED_REQUEST(10);

        final int code;

        Status(int code) {
            this.code = code;
        }
    }

    private static final CodePage H = CodePage.FOLDER_HIERARCHY;

    private final FolderSyncs folderSyncs;

    FolderSyncCommand(FolderSyncs folderSyncs) {
        this.folderSyncs = folderSyncs;
    }

    @Override
    public EasCommand command() {
        return EasCommand.FOLDER_SYNC;
    }

    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(H, "FolderSync").add("Status", Integer.toString(status));
    }

    @Override
    public WbxmlElement handle(long accountId, DeviceView device, WbxmlElement request) {
        long devicePk = device.id();
        if (request.page() != H || !request.name().equals("FolderSync")) {
            return status(Status.MALFORMED_REQUEST);
        }
        long key;
        switch (WireNumbers.syncKey(request.text(H, "SyncKey"))) {
            case WireNumbers.SentKey.Missing() -> {
                return status(Status.MALFORMED_REQUEST);
            }
            case WireNumbers.SentKey.NeverIssued() -> {
                return status(Status.INVALID_SYNC_KEY);
            }
            case WireNumbers.SentKey.Issuable(long value) -> key = value;
        }
        return switch (folderSyncs.sync(accountId, devicePk, key)) {
            case FolderSyncResult.UnknownKey() -> status(Status.INVALID_SYNC_KEY);
            case FolderSyncResult.Changes(long next, var changes) -> {
                WbxmlElement list = WbxmlElement.of(H, "Changes").add("Count", Integer.toString(changes.size()));
                for (FolderChange change : changes) {
                    list.add(
                            switch (change) {
                                case FolderChange.Added(FolderView folder) -> folder(WbxmlElement.of(H, "Add"), folder);
                                case FolderChange.Updated(FolderView folder) ->
                                    folder(WbxmlElement.of(H, "Update"), folder);
                                case FolderChange.Deleted(long folderId) ->
                                    WbxmlElement.of(H, "Delete").add("ServerId", Long.toString(folderId));
                            });
                }
                yield status(Status.SUCCESS).add("SyncKey", Long.toString(next)).add(list);
            }
        };
    }

    private static WbxmlElement folder(WbxmlElement element, FolderView folder) {
        return element.add("ServerId", Long.toString(folder.id()))
                .add("ParentId", folder.parentId() == null ? "0" : Long.toString(folder.parentId()))
                .add("DisplayName", folder.name())
                .add("Type", Integer.toString(folder.type().code()));
    }

    static WbxmlElement status(Status status) {
        return WbxmlElement.of(H, "FolderSync").add("Status", Integer.toString(status.code));
    }
}
