package org.atoll.mailbox;

/** What a journal entry records; the codes are stored in the journal table. */
public enum ChangeKind {
    MESSAGE_ADDED(1),
    MESSAGE_CHANGED(2),
    MESSAGE_REMOVED(3),
    FOLDER_CREATED(4),
    FOLDER_UPDATED(5),
    FOLDER_DELETED(6);

    private final int code;

    ChangeKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean isHierarchyChange() {
        return this == FOLDER_CREATED || this == FOLDER_UPDATED || this == FOLDER_DELETED;
    }

    public static ChangeKind fromCode(int code) {
        for (ChangeKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new IllegalArgumentException("No change kind " + code);
    }
}
