package org.atoll.eas.command;

import org.atoll.device.DeviceView;
import org.atoll.eas.message.FolderSyncMessage;
import org.atoll.eas.message.FolderSyncMessage.Request;
import org.atoll.eas.message.FolderSyncMessage.Response;
import org.atoll.eas.message.FolderSyncMessage.Status;
import org.atoll.eas.request.EasCommand;
import org.atoll.mailbox.FolderView;
import org.atoll.sync.FolderChange;
import org.atoll.sync.FolderSyncResult;
import org.atoll.sync.FolderSyncs;
import org.springframework.stereotype.Component;

/** FolderSync (MS-ASCMD 2.2.1.5): the folder hierarchy changes since the device's SyncKey. */
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
                        next, changes.stream().map(FolderSyncCommand::change).toList());
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
