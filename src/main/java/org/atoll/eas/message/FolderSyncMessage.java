package org.atoll.eas.message;

import java.util.List;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/** FolderSync (MS-ASCMD 2.2.1.5): the request carries the device's SyncKey, the response the hierarchy changes. */
public final class FolderSyncMessage implements EasMessage<FolderSyncMessage.Request, FolderSyncMessage.Response> {

    public static final FolderSyncMessage INSTANCE = new FolderSyncMessage();

    /** FolderSync Status values, MS-ASCMD 2.2.3.177.5. */
    public enum Status implements WireStatus {
        SUCCESS(1),
        INVALID_SYNC_KEY(9),
        MALFORMED_REQUEST(10);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** @param syncKey the key the device holds, 0 for its first FolderSync */
    public record Request(long syncKey) {}

    public sealed interface Response {}

    /** Only a Status: the key is unknown (9). */
    public record Refused(Status status) implements Response {}

    /** Status 1, the next SyncKey and the changes since the device's key. */
    public record Changes(long syncKey, List<Change> changes) implements Response {}

    public sealed interface Change {}

    /** A folder the device does not know yet, or one whose name or parent changed. */
    public record Folder(
            boolean added, long serverId, @Nullable Long parentId, String displayName, int type) implements Change {}

    public record Deleted(long serverId) implements Change {}

    private static final CodePage H = CodePage.FOLDER_HIERARCHY;

    private FolderSyncMessage() {}

    /**
     * The FolderSync element with a SyncKey (MS-ASCMD 2.2.3.181.2); a key this server never issues is Status 9, a
     * missing one or another document Status 10.
     */
    @Override
    public Request read(WbxmlElement document) throws MalformedRequest {
        if (document.page() != H || !document.name().equals("FolderSync")) {
            throw new MalformedRequest(Status.MALFORMED_REQUEST);
        }
        return new Request(FolderKeys.syncKey(document, Status.MALFORMED_REQUEST, Status.INVALID_SYNC_KEY));
    }

    @Override
    public WbxmlElement write(Response response) {
        return switch (response) {
            case Refused(Status status) -> refused(status.code());
            case Changes(long syncKey, List<Change> changes) -> {
                WbxmlElement list = WbxmlElement.of(H, "Changes").add("Count", Integer.toString(changes.size()));
                for (Change change : changes) {
                    list.add(
                            switch (change) {
                                case Folder folder -> folder(folder);
                                case Deleted(long serverId) ->
                                    WbxmlElement.of(H, "Delete").add("ServerId", Long.toString(serverId));
                            });
                }
                yield refused(Status.SUCCESS.code())
                        .add("SyncKey", Long.toString(syncKey))
                        .add(list);
            }
        };
    }

    private static WbxmlElement folder(Folder folder) {
        return WbxmlElement.of(H, folder.added() ? "Add" : "Update")
                .add("ServerId", Long.toString(folder.serverId()))
                .add("ParentId", folder.parentId() == null ? "0" : Long.toString(folder.parentId()))
                .add("DisplayName", folder.displayName())
                .add("Type", Integer.toString(folder.type()));
    }

    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(H, "FolderSync").add("Status", Integer.toString(status));
    }
}
