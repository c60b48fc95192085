package org.atoll.transfer.internal;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.atoll.mailbox.SystemFolder;

/**
 * Which of Atoll's system folders a source folder is: by its SPECIAL-USE attribute (RFC 6154 section 2) when the
 * source has one, otherwise by the names mail programs commonly give it. Only a top-level folder (or one directly
 * under {@code INBOX}, as servers with an {@code INBOX.} namespace keep them) gets a role; {@code Projects/Sent}
 * stays a folder of its own.
 */
final class FolderRoles {

    private static final Map<String, SystemFolder> SPECIAL_USE = Map.of(
            "\\sent", SystemFolder.SENT_ITEMS,
            "\\trash", SystemFolder.DELETED_ITEMS,
            "\\drafts", SystemFolder.DRAFTS,
            "\\junk", SystemFolder.JUNK_EMAIL);

    /** Attributes of folders that only show messages living in other folders (RFC 6154 section 2). */
    private static final List<String> VIRTUAL = List.of("\\all", "\\flagged");

    private static final Map<String, SystemFolder> COMMON_NAMES = Map.ofEntries(
            Map.entry("inbox", SystemFolder.INBOX),
            Map.entry("sent", SystemFolder.SENT_ITEMS),
            Map.entry("sent items", SystemFolder.SENT_ITEMS),
            Map.entry("sent messages", SystemFolder.SENT_ITEMS),
            Map.entry("sent mail", SystemFolder.SENT_ITEMS),
            Map.entry("sent-mail", SystemFolder.SENT_ITEMS),
            Map.entry("trash", SystemFolder.DELETED_ITEMS),
            Map.entry("deleted items", SystemFolder.DELETED_ITEMS),
            Map.entry("deleted messages", SystemFolder.DELETED_ITEMS),
            Map.entry("deleted", SystemFolder.DELETED_ITEMS),
            Map.entry("bin", SystemFolder.DELETED_ITEMS),
            Map.entry("drafts", SystemFolder.DRAFTS),
            Map.entry("draft", SystemFolder.DRAFTS),
            Map.entry("junk", SystemFolder.JUNK_EMAIL),
            Map.entry("junk email", SystemFolder.JUNK_EMAIL),
            Map.entry("junk e-mail", SystemFolder.JUNK_EMAIL),
            Map.entry("junk mail", SystemFolder.JUNK_EMAIL),
            Map.entry("spam", SystemFolder.JUNK_EMAIL),
            Map.entry("bulk mail", SystemFolder.JUNK_EMAIL));

    private FolderRoles() {}

    /** The role of a folder from its IMAP attributes and path. */
    public static Optional<SystemFolder> of(List<String> path, Collection<String> attributes) {
        for (String attribute : attributes) {
            SystemFolder role = SPECIAL_USE.get(attribute.toLowerCase(Locale.ROOT));
            if (role != null) {
                return Optional.of(role);
            }
        }
        return byName(path);
    }

    /** The role of a folder from its path alone. */
    public static Optional<SystemFolder> byName(List<String> path) {
        if (path.size() == 1 || (path.size() == 2 && path.getFirst().equalsIgnoreCase("INBOX"))) {
            return Optional.ofNullable(COMMON_NAMES.get(path.getLast().strip().toLowerCase(Locale.ROOT)));
        }
        return Optional.empty();
    }

    /** Whether the folder only mirrors messages of other folders (Gmail's All Mail, a Flagged view). */
    public static boolean virtual(Collection<String> attributes) {
        return attributes.stream().map(a -> a.toLowerCase(Locale.ROOT)).anyMatch(VIRTUAL::contains);
    }
}
