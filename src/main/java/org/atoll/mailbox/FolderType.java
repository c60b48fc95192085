package org.atoll.mailbox;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Folder types with their wire codes, MS-ASCMD 2.2.3.186.3 (FolderHierarchy Type). */
public enum FolderType {
    USER_GENERIC(1),
    INBOX(2),
    DRAFTS(3),
    DELETED_ITEMS(4),
    SENT_ITEMS(5),
    OUTBOX(6),
    TASKS(7),
    CALENDAR(8),
    CONTACTS(9),
    NOTES(10),
    JOURNAL(11),
    USER_MAIL(12),
    USER_CALENDAR(13),
    USER_CONTACTS(14),
    USER_TASKS(15),
    USER_JOURNAL(16),
    USER_NOTES(17),
    UNKNOWN(18),
    RECIPIENT_INFO_CACHE(19);

    private static final Map<Integer, FolderType> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(FolderType::code, Function.identity()));

    private final int code;

    FolderType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a code the spec does not define */
    public static FolderType fromCode(int code) {
        FolderType type = BY_CODE.get(code);
        if (type == null) {
            throw new IllegalArgumentException("No folder type " + code);
        }
        return type;
    }
}
