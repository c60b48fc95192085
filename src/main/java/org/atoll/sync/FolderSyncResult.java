package org.atoll.sync;

import java.util.List;

/** The answer to a FolderSync: a known key gets the changes and the next key; an unknown key gets nothing. */
public sealed interface FolderSyncResult {

    record Changes(long syncKey, List<FolderChange> changes) implements FolderSyncResult {}

    /** The key is neither 0, the current one nor the previous one (MS-ASCMD FolderSync Status 9). */
    record UnknownKey() implements FolderSyncResult {}
}
