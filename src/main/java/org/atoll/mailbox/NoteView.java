package org.atoll.mailbox;

import java.time.Instant;
import java.util.List;

/**
 * A stored note (MS-ASNOTE 2.2.2): its folder, text, class and categories, when it last changed, and the modseq of
 * that change.
 */
public record NoteView(
        long id,
        long folderId,
        String subject,
        String body,
        String messageClass,
        List<String> categories,
        Instant lastModified,
        long modseq)
        implements ItemView {

    public NoteView {
        categories = List.copyOf(categories);
    }
}
