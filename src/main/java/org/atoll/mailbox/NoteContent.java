package org.atoll.mailbox;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a note says, as a device or a REST client writes it (MS-ASNOTE 2.2.2): a subject, a plain-text body, the
 * message class (MS-ASNOTE 2.2.2.5: {@code IPM.StickyNote} or one derived from it) and categories.
 *
 * @throws InvalidMailboxRequest when a value is out of bounds
 */
public record NoteContent(String subject, String body, String messageClass, List<String> categories)
        implements ItemContent {

    public static final String STICKY_NOTE = "IPM.StickyNote";

    /** The longest subject, as for a message's (MS-ASNOTE 2.2.2.6 leaves it open; Exchange stores 255). */
    public static final int MAX_SUBJECT = 255;

    /** The longest body, in characters. */
    public static final int MAX_BODY = 1024 * 1024;

    /** The most categories, each 1 to 255 characters, as for a message's. */
    public static final int MAX_CATEGORIES = 64;

    public NoteContent {
        if (subject.length() > MAX_SUBJECT) {
            throw new InvalidMailboxRequest("A note's subject has at most " + MAX_SUBJECT + " characters");
        }
        if (body.length() > MAX_BODY) {
            throw new InvalidMailboxRequest("A note's body has at most " + MAX_BODY + " characters");
        }
        if (!messageClass.equals(STICKY_NOTE)
                && !(messageClass.startsWith(STICKY_NOTE + ".") && messageClass.length() <= 255)) {
            throw new InvalidMailboxRequest("A note's message class is " + STICKY_NOTE + " or derived from it");
        }
        categories = categories.stream().map(String::strip).distinct().toList();
        if (categories.size() > MAX_CATEGORIES || categories.stream().anyMatch(c -> c.isEmpty() || c.length() > 255)) {
            throw new InvalidMailboxRequest(
                    "A note has at most " + MAX_CATEGORIES + " categories of 1 to 255 characters");
        }
    }

    /** A note of the default class; a null subject or body is empty. */
    public static NoteContent of(@Nullable String subject, @Nullable String body, List<String> categories) {
        return new NoteContent(subject == null ? "" : subject, body == null ? "" : body, STICKY_NOTE, categories);
    }
}
