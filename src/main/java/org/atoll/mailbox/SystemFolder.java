package org.atoll.mailbox;

/** The folders every mailbox has from its first moment; they cannot be renamed, moved or deleted. */
public enum SystemFolder {
    INBOX("Inbox", FolderType.INBOX),
    DRAFTS("Drafts", FolderType.DRAFTS),
    DELETED_ITEMS("Deleted Items", FolderType.DELETED_ITEMS),
    SENT_ITEMS("Sent Items", FolderType.SENT_ITEMS),
    OUTBOX("Outbox", FolderType.OUTBOX),
    JUNK_EMAIL("Junk Email", FolderType.USER_MAIL),
    NOTES("Notes", FolderType.NOTES),
    CONTACTS("Contacts", FolderType.CONTACTS),
    TASKS("Tasks", FolderType.TASKS),
    CALENDAR("Calendar", FolderType.CALENDAR);

    private final String displayName;
    private final FolderType type;

    SystemFolder(String displayName, FolderType type) {
        this.displayName = displayName;
        this.type = type;
    }

    public String displayName() {
        return displayName;
    }

    public FolderType type() {
        return type;
    }
}
