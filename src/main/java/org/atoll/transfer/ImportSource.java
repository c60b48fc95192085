package org.atoll.transfer;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where an import reads mail from. Paths are for callers on the server itself (the CLI); the REST API only ever
 * names files it wrote itself.
 */
public sealed interface ImportSource {

    /** What the source is, for progress reports and logs; never a password. */
    String describe();

    /**
     * An IMAP server, read with Angus Mail's IMAP client; folders are opened read-only and nothing on the server
     * changes.
     *
     * @param folders the folders to import by their full IMAP names; empty for every selectable folder except the
     *     virtual ones (SPECIAL-USE {@code \All} and {@code \Flagged}, RFC 6154), whose messages live in other folders
     * @param password held only while the import runs; never logged nor stored
     */
    record Imap(String host, int port, ImapSecurity security, String username, String password, List<String> folders)
            implements ImportSource {

        public Imap {
            if (host.isBlank() || port < 1 || port > 65535 || username.isEmpty()) {
                throw new InvalidImport("An IMAP source needs a host, a port from 1 to 65535 and a username");
            }
            folders = List.copyOf(folders);
        }

        @Override
        public String describe() {
            return "imap " + username + " at " + host + ":" + port + " (" + security + ")";
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * An mbox file; its messages go to one folder.
     *
     * @param folder the target folder's path, {@code /}-separated (a system folder's name, such as {@code Inbox} or
     *     {@code Sent Items}, names that folder); null for a folder named after the file
     */
    record Mbox(Path file, @Nullable String folder, MboxFormat format) implements ImportSource {
        @Override
        public String describe() {
            return "mbox " + file.getFileName();
        }
    }

    /**
     * A Maildir tree: the root's {@code cur} and {@code new} go to the Inbox, each Maildir++ subfolder ({@code
     * .Sent}, {@code .Archive.2024}) or nested Maildir to the folder of its name.
     */
    record Maildir(Path root) implements ImportSource {
        @Override
        public String describe() {
            return "maildir " + root.getFileName();
        }
    }

    /**
     * A ZIP archive as {@link MailboxExports} writes it: each {@code .mbox} entry a folder named by its path, each
     * {@code .eml} entry a message of the folder its directory names (the Inbox at the top).
     */
    record Zip(Path file) implements ImportSource {
        @Override
        public String describe() {
            return "zip " + file.getFileName();
        }
    }
}
