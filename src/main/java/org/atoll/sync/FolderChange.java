package org.atoll.sync;

import org.atoll.mailbox.FolderView;

/** One entry of a FolderSync response: a folder the device must add, update or delete. */
public sealed interface FolderChange {

    record Added(FolderView folder) implements FolderChange {}

    record Updated(FolderView folder) implements FolderChange {}

    record Deleted(long folderId) implements FolderChange {}
}
