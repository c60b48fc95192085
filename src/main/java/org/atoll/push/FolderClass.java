package org.atoll.push;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The content class of a watched folder, as a Ping names it (MS-ASCMD 2.2.3.27.4); the code is what is stored. */
public enum FolderClass {
    EMAIL(1, "Email"),
    CALENDAR(2, "Calendar"),
    CONTACTS(3, "Contacts"),
    TASKS(4, "Tasks"),
    NOTES(5, "Notes");

    private static final Map<Integer, FolderClass> BY_CODE;
    private static final Map<String, FolderClass> BY_NAME;

    static {
        Map<Integer, FolderClass> byCode = new HashMap<>();
        Map<String, FolderClass> byName = new HashMap<>();
        for (FolderClass value : values()) {
            if (byCode.put(value.code, value) != null || byName.put(value.wireName, value) != null) {
                throw new ExceptionInInitializerError("folder class " + value + " listed twice");
            }
        }
        BY_CODE = Collections.unmodifiableMap(byCode);
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    private final int code;
    private final String wireName;

    FolderClass(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    public int code() {
        return code;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<FolderClass> fromCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** The class with this exact name (names are case-sensitive in the schema). */
    public static Optional<FolderClass> fromWireName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
