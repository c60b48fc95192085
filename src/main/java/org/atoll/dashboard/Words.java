package org.atoll.dashboard;

import org.atoll.mailbox.FolderType;

/** Names for protocol values, as people read them. */
final class Words {

    private Words() {}

    static String folderType(FolderType type) {
        return switch (type) {
            case INBOX -> "Inbox";
            case DRAFTS -> "Drafts";
            case DELETED_ITEMS -> "Deleted items";
            case SENT_ITEMS -> "Sent items";
            case OUTBOX -> "Outbox";
            case TASKS, USER_TASKS -> "Tasks";
            case CALENDAR, USER_CALENDAR -> "Calendar";
            case CONTACTS, USER_CONTACTS -> "Contacts";
            case NOTES, USER_NOTES -> "Notes";
            case JOURNAL, USER_JOURNAL -> "Journal";
            case USER_GENERIC, USER_MAIL -> "Mail";
            case RECIPIENT_INFO_CACHE -> "Recipient cache";
            case UNKNOWN -> "Other";
        };
    }
}
