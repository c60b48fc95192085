package org.atoll.sync;

import java.util.List;
import org.atoll.mailbox.FolderType;

/** What became of one collection of a Sync request. */
public sealed interface CollectionResult {

    /** The key is neither the current one nor the one before: the device must start over (Status 3). */
    record InvalidSyncKey() implements CollectionResult {}

    /** The collection is not a folder of the account (any more): the device must FolderSync (Status 12). */
    record UnknownCollection() implements CollectionResult {}

    /**
     * @param folderType the type of the collection's folder, which decides how its items are written
     * @param syncKey the key the device sends next
     * @param moreAvailable whether changes beyond the window wait for the next request
     */
    record Synced(
            FolderType folderType,
            long syncKey,
            List<ServerCommand> commands,
            List<ClientResponse> responses,
            boolean moreAvailable,
            SyncOptions options)
            implements CollectionResult {}
}
