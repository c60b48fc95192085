package org.atoll.transfer.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atoll.mailbox.Calendars;
import org.atoll.mailbox.Contacts;
import org.atoll.mailbox.FolderNameTaken;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.Notes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.mailbox.Tasks;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The folder of the account that a source folder's messages go to: the system folder of its role, otherwise the
 * folder of the same path (names compared without case, as the store does), created where missing. A path starting
 * with {@code INBOX} continues below the Inbox; a top-level name of a system folder ({@code Sent Items}) is that
 * folder.
 */
@Component
public class TargetFolders {

    private static final int MAX_NAME = 255;

    private final Mailboxes mailboxes;

    TargetFolders(Mailboxes mailboxes) {
        this.mailboxes = mailboxes;
    }

    public long resolve(long accountId, SourceFolder source) {
        if (source.role() != null) {
            return mailboxes.systemFolder(accountId, source.role()).id();
        }
        @Nullable Long parent = null;
        List<String> path = source.path();
        for (int i = 0; i < path.size(); i++) {
            String name = name(path.get(i));
            if (i == 0 && name.equalsIgnoreCase("INBOX")) {
                parent = mailboxes.systemFolder(accountId, SystemFolder.INBOX).id();
                continue;
            }
            parent = child(accountId, parent, name);
        }
        return parent == null
                ? mailboxes.systemFolder(accountId, SystemFolder.INBOX).id()
                : parent;
    }

    private long child(long accountId, @Nullable Long parent, String segment) {
        String name = itemFolderNamed(accountId, parent, segment) ? segment + " (mail)" : segment;
        Optional<FolderView> existing = find(accountId, parent, name);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        try {
            return mailboxes
                    .createFolder(accountId, parent, name, FolderType.USER_MAIL)
                    .id();
        } catch (FolderNameTaken e) {
            return find(accountId, parent, name).orElseThrow(() -> e).id();
        }
    }

    /** Mail never goes into a folder of notes, contacts, tasks or events: a mail folder of that name is imported beside it. */
    private boolean itemFolderNamed(long accountId, @Nullable Long parent, String name) {
        return find(accountId, parent, name)
                .filter(f -> Notes.FOLDER_TYPES.contains(f.type())
                        || Contacts.FOLDER_TYPES.contains(f.type())
                        || Tasks.FOLDER_TYPES.contains(f.type())
                        || Calendars.FOLDER_TYPES.contains(f.type()))
                .isPresent();
    }

    private Optional<FolderView> find(long accountId, @Nullable Long parent, String name) {
        return mailboxes.folders(accountId).stream()
                .filter(f -> Objects.equals(f.parentId(), parent) && f.name().equalsIgnoreCase(name))
                .findFirst();
    }

    private static String name(String segment) {
        StringBuilder kept = new StringBuilder();
        segment.codePoints().filter(c -> !Character.isISOControl(c)).forEach(kept::appendCodePoint);
        String name = kept.toString().strip();
        if (name.isEmpty()) {
            return "Imported";
        }
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME).strip() : name;
    }
}
