package org.atoll.mailbox;

/** The last action taken on a message, MS-ASEMAIL 2.2.2.45 (LastVerbExecuted). */
public enum LastVerb {
    NONE(0),
    REPLY_TO_SENDER(1),
    REPLY_TO_ALL(2),
    FORWARD(3);

    private final int code;

    LastVerb(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static LastVerb fromCode(int code) {
        for (LastVerb verb : values()) {
            if (verb.code == code) {
                return verb;
            }
        }
        throw new IllegalArgumentException("No last verb " + code);
    }
}
