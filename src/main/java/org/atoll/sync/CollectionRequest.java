package org.atoll.sync;

import java.util.List;

/**
 * What a Sync request asks of one collection.
 *
 * @param syncKey the key the device sent; 0 to start over
 * @param getChanges whether the device wants the server's changes (MS-ASCMD 2.2.3.84)
 */
public record CollectionRequest(
        long folderId, long syncKey, SyncOptions.Update options, boolean getChanges, List<ClientCommand> commands) {

    public CollectionRequest {
        commands = List.copyOf(commands);
    }
}
