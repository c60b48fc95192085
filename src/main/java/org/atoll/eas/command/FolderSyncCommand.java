package org.atoll.eas.command;

import org.atoll.device.DeviceView;
import org.atoll.eas.message.FolderSyncMessage;
import org.atoll.eas.message.FolderSyncMessage.Request;
import org.atoll.eas.message.FolderSyncMessage.Response;
import org.atoll.eas.message.FolderSyncMessage.Status;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.Notes;
import org.atoll.sync.FolderChange;
import org.atoll.sync.FolderSyncResult;
import org.atoll.sync.FolderSyncs;
import org.springframework.stereotype.Component;

/**
 * FolderSync (MS-ASCMD 2.2.1.5): the folder hierarchy changes since the device's SyncKey, without the Notes folders
 * for a device older than 14.0, which has no Notes class.
 */
@Component
class FolderSyncCommand implements MessageCommand<Request, Response> {

    private final FolderSyncs folderSyncs;

    FolderSyncCommand(FolderSyncs folderSyncs) {
        this.folderSyncs = folderSyncs;
    }

    @Override
    public EasCommand command() {
        return EasCommand.FOLDER_SYNC;
    }

    @Override
    public FolderSyncMessage message() {
        return FolderSyncMessage.INSTANCE;
    }

    @Override
    public Response serve(long accountId, DeviceView device, Request request) {
        return switch (folderSyncs.sync(accountId, device.id(), request.syncKey())) {
            case FolderSyncResult.UnknownKey() -> new FolderSyncMessage.Refused(Status.INVALID_SYNC_KEY);
            case FolderSyncResult.Changes(long next, var changes) ->
                new FolderSyncMessage.Changes(
                        next,
                        changes.stream()
                                .filter(change -> expressible(change, EasCommandHandler.protocolVersion(device)))
                                .map(FolderSyncCommand::change)
                                .toList());
        };
    }

    /**
     * Whether a device of this version can hold the folder: the Notes class exists from 14.0 (MS-ASNOTE 1.7; MS-ASCMD
     * 2.2.3.27.4 and 2.2.3.27.6 make Notes no valid Class below 14.0), so an older device is not shown folders of
     * type 10 or 17 that it could neither sync nor ping.
     */
    private static boolean expressible(FolderChange change, EasProtocolVersion version) {
        if (version.atLeast(EasProtocolVersion.V14_0)) {
            return true;
        }
        return switch (change) {
            case FolderChange.Added(FolderView folder) -> !Notes.FOLDER_TYPES.contains(folder.type());
            case FolderChange.Updated(FolderView folder) -> !Notes.FOLDER_TYPES.contains(folder.type());
            case FolderChange.Deleted deleted -> true;
        };
    }

    private static FolderSyncMessage.Change change(FolderChange change) {
        return switch (change) {
            case FolderChange.Added(FolderView folder) -> folder(true, folder);
            case FolderChange.Updated(FolderView folder) -> folder(false, folder);
            case FolderChange.Deleted(long folderId) -> new FolderSyncMessage.Deleted(folderId);
        };
    }

    private static FolderSyncMessage.Folder folder(boolean added, FolderView folder) {
        return new FolderSyncMessage.Folder(
                added,
                folder.id(),
                folder.parentId(),
                folder.name(),
                folder.type().code());
    }
}
