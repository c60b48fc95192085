package org.atoll.mailbox;

import org.jspecify.annotations.Nullable;

/**
 * One row of the change journal.
 *
 * @param position where the entry stands in the account's journal; pass it back to read on after it
 * @param folderId the folder touched (for folder changes, the folder itself)
 * @param messageId the message touched, null for folder changes
 * @param originDevice the device whose request made the change, null when it came from elsewhere
 */
public record JournalEntry(
        JournalPosition position,
        long folderId,
        @Nullable Long messageId,
        ChangeKind kind,
        @Nullable Long originDevice) {}
