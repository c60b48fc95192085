package org.atoll.eas.request;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ActiveSync commands (MS-ASCMD 2.2.1), each with the name a plain query carries in {@code Cmd=} (MS-ASHTTP
 * 2.2.1.1.1.2.1) and the code a base64 query carries in its Command code field (MS-ASHTTP 2.2.1.1.1.1.2).
 *
 * <p>Codes 5 to 8 belonged to the protocol 2.5 folder commands (GetHierarchy, CreateCollection, DeleteCollection,
 * MoveCollection) that MS-ASCMD no longer defines; they are unknown here like any other unlisted code. The lookups are
 * built once, when the class is loaded; a code or a name listed twice fails class initialisation.
 */
public enum EasCommand {
    SYNC(0, "Sync"),
    SEND_MAIL(1, "SendMail"),
    SMART_FORWARD(2, "SmartForward"),
    SMART_REPLY(3, "SmartReply"),
    GET_ATTACHMENT(4, "GetAttachment"),
    FOLDER_SYNC(9, "FolderSync"),
    FOLDER_CREATE(10, "FolderCreate"),
    FOLDER_DELETE(11, "FolderDelete"),
    FOLDER_UPDATE(12, "FolderUpdate"),
    MOVE_ITEMS(13, "MoveItems"),
    GET_ITEM_ESTIMATE(14, "GetItemEstimate"),
    MEETING_RESPONSE(15, "MeetingResponse"),
    SEARCH(16, "Search"),
    SETTINGS(17, "Settings"),
    PING(18, "Ping"),
    ITEM_OPERATIONS(19, "ItemOperations"),
    PROVISION(20, "Provision"),
    RESOLVE_RECIPIENTS(21, "ResolveRecipients"),
    VALIDATE_CERT(22, "ValidateCert"),
    /** Protocol 16.1 only (MS-ASCMD 2.2.1.2). */
    FIND(23, "Find");

    private static final Map<Integer, EasCommand> BY_CODE;
    private static final Map<String, EasCommand> BY_NAME;

    static {
        Map<Integer, EasCommand> byCode = new HashMap<>();
        Map<String, EasCommand> byName = new HashMap<>();
        for (EasCommand command : values()) {
            if (byCode.put(command.code, command) != null) {
                throw new ExceptionInInitializerError("command code " + command.code + " listed twice");
            }
            if (byName.put(key(command.commandName), command) != null) {
                throw new ExceptionInInitializerError("command name " + command.commandName + " listed twice");
            }
        }
        BY_CODE = Collections.unmodifiableMap(byCode);
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    private final int code;
    private final String commandName;

    EasCommand(int code, String commandName) {
        this.code = code;
        this.commandName = commandName;
    }

    /** The base64 Command code (MS-ASHTTP 2.2.1.1.1.1.2). */
    public int code() {
        return code;
    }

    /** The name as documented, e.g. {@code FolderSync}. */
    public String commandName() {
        return commandName;
    }

    /** The command with this base64 code, if there is one. */
    public static Optional<EasCommand> forCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /**
     * The command with this {@code Cmd=} name. The match ignores ASCII case: the plain query is defined in ABNF
     * (MS-ASHTTP 2.2.1.1.1.2), whose quoted strings are case-insensitive (RFC 5234 section 2.3).
     */
    public static Optional<EasCommand> forName(String name) {
        return Optional.ofNullable(BY_NAME.get(key(name)));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
