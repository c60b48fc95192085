package org.atoll.mailbox;

import org.jspecify.annotations.Nullable;

/**
 * A folder as front ends see it.
 *
 * @param role the system folder this is, or null for a folder of the user's own
 * @param modseq the modseq of the folder's last create, rename or move
 */
public record FolderView(
        long id,
        @Nullable Long parentId,
        String name,
        FolderType type,
        @Nullable SystemFolder role,
        long modseq) {}
