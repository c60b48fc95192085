package org.atoll.mailbox;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a search of one mailbox asks for; every criterion given must hold.
 *
 * @param text words each message must contain, each as the start of a word of its subject, addresses or body; blank
 *     for none
 * @param folderIds the folders to search; empty for the whole mailbox
 * @param withSubfolders whether the folders' subfolders are searched too (MS-ASCMD 2.2.3.44 DeepTraversal)
 * @param receivedAfter only messages received after this instant
 * @param receivedBefore only messages received before this instant
 * @param threadId only messages of this thread (a ConversationId)
 */
public record MessageQuery(
        String text,
        Set<Long> folderIds,
        boolean withSubfolders,
        @Nullable Instant receivedAfter,
        @Nullable Instant receivedBefore,
        @Nullable Long threadId) {

    public MessageQuery {
        folderIds = Set.copyOf(folderIds);
    }

    /** Words anywhere in the mailbox. */
    public static MessageQuery words(String text) {
        return new MessageQuery(text, Set.of(), false, null, null, null);
    }
}
